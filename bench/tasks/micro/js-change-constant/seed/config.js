const MAX_USERS = 10;
const TIMEOUT_MS = 5000;

module.exports = { MAX_USERS, TIMEOUT_MS };
