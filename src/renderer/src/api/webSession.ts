/**
 * The web host's access token in the page (see [Note: web host credentials] in
 * src/main/web/auth.ts): taken once from the address the host printed (`/?token=…`), kept in
 * sessionStorage, which no other origin (another port included) can read and which survives a
 * reload, and dropped from the address bar and history. Never a cookie.
 */
const STORAGE_KEY = 'actionlens.webToken';

export function takeWebToken(win: Pick<Window, 'location' | 'history' | 'sessionStorage'> = window): string | null {
  const url = new URL(win.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl !== null) {
    win.sessionStorage.setItem(STORAGE_KEY, fromUrl);
    url.searchParams.delete('token');
    win.history.replaceState(win.history.state, '', url.pathname + url.search + url.hash);
    return fromUrl;
  }
  return win.sessionStorage.getItem(STORAGE_KEY);
}
