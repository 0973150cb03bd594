/** Databases created by the test run start with this prefix. */
export const TEST_DB_PREFIX = 'brieflock_test_';

/** The server signing key test apps run with (a test key, never used anywhere else). */
export const TEST_SIGNING_KEY = '0utc_1w-WeLfk_Feg8YGHgbxwpBH6zg6LtWwiYixH4Q';
