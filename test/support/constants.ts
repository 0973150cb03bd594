/** Databases created by the test run start with this prefix. */
export const TEST_DB_PREFIX = 'brieflock_test_';
