export const THEME_KEY = 'berth-theme';

/**
 * Runs before first paint (inlined in <head>), so a dark-mode user never sees a white flash. Without a stored choice
 * it follows the operating system.
 */
export const THEME_SCRIPT = `(function(){try{var t=localStorage.getItem('${THEME_KEY}');var d=t?t==='dark':window.matchMedia('(prefers-color-scheme: dark)').matches;if(d)document.documentElement.classList.add('dark')}catch(e){}})();`;
