// What a widget says while it loads and when something could not be loaded, in every locale. In
// the bundle itself, not in each locale's chunk: that chunk (or the module, or the locale's
// messages) may be what failed to load. Kept to these few texts: every page fetches them.
// `fileDetail` and `assetDetail` say which file, from where and why (a CertcalcLoadError's url
// and reason, as the browser or the server gave it).
export default {
  en: {
    loading: 'Loading the calculator…',
    loadFailed: 'The calculator could not be loaded.',
    assetFailed: 'The rules or texts for this choice could not be loaded.',
    tryAgain: 'Try again',
    fileDetail: '{file} could not be loaded from {url}: {reason}',
    assetDetail: 'rule asset {file} could not be loaded from {url}: {reason}',
  },
  nl: {
    loading: 'De rekenmodule wordt geladen…',
    loadFailed: 'De rekenmodule kon niet worden geladen.',
    assetFailed: 'De regels of teksten voor deze keuze konden niet worden geladen.',
    tryAgain: 'Opnieuw proberen',
    fileDetail: '{file} kon niet worden geladen vanaf {url}: {reason}',
    assetDetail: 'regelbestand {file} kon niet worden geladen vanaf {url}: {reason}',
  },
  it: {
    loading: 'Caricamento del calcolatore…',
    loadFailed: 'Non è stato possibile caricare il calcolatore.',
    assetFailed: 'Non è stato possibile caricare le regole o i testi per questa scelta.',
    tryAgain: 'Riprova',
    fileDetail: 'non è stato possibile caricare {file} da {url}: {reason}',
    assetDetail: 'non è stato possibile caricare il file di regole {file} da {url}: {reason}',
  },
  de: {
    loading: 'Der Rechner wird geladen…',
    loadFailed: 'Der Rechner konnte nicht geladen werden.',
    assetFailed: 'Die Regeln oder Texte für diese Auswahl konnten nicht geladen werden.',
    tryAgain: 'Erneut versuchen',
    fileDetail: '{file} konnte nicht von {url} geladen werden: {reason}',
    assetDetail: 'Regeldatei {file} konnte nicht von {url} geladen werden: {reason}',
  },
  fr: {
    loading: 'Chargement du calculateur…',
    loadFailed: 'Le calculateur n’a pas pu être chargé.',
    assetFailed: 'Les règles ou les textes de ce choix n’ont pas pu être chargés.',
    tryAgain: 'Réessayer',
    fileDetail: '{file} n’a pas pu être chargé depuis {url} : {reason}',
    assetDetail: 'le fichier de règles {file} n’a pas pu être chargé depuis {url} : {reason}',
  },
};
