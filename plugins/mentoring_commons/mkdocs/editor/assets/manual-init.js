// Decap CMS starts itself as soon as it loads unless this is set; admin.js starts it with the
// configuration generated from the content model (editor.json) instead of a config.yml.
window.CMS_MANUAL_INIT = true;
