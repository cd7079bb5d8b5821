// electron-builder reads this file; the configuration and why it is so: scripts/packaging/builder-config.cjs.
'use strict';
module.exports = require('./scripts/packaging/builder-config.cjs').configFor(process.env);
