// The interface texts for a browser language the site does not ship (only Finnish and Swedish are shipped):
// none, so that the editor shows its built-in English ones.
export default {};
