import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { AuthProvider } from './auth';
import { RouterProvider } from '@tanstack/react-router';
import { DataProvider } from './data/DataProvider';
import { router } from './router';
import './styles.css';
import './controls.css';
import './pages.css';

const container = document.getElementById('root');
if (!container) throw new Error('Missing #root element');

createRoot(container).render(
  <StrictMode>
    <DataProvider>
      <AuthProvider>
        <RouterProvider router={router} />
      </AuthProvider>
    </DataProvider>
  </StrictMode>,
);
