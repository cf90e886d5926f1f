// The interface's router: one page shell for every path; each page is a module with render(main, context).
import {
  api,
  isSignedIn,
  onReauthenticationRequired,
  onSessionChanged,
  onSignedOut,
  refresh,
  signOut,
} from './session.js';
import { askForPassword } from './reauthenticate.js';
import { errorAlert, h } from './ui.js';
import * as signInPage from './pages/sign-in.js';
import * as homePage from './pages/home.js';
import * as apiKeysPage from './pages/api-keys.js';
import * as twoFactorPage from './pages/two-factor.js';
import * as forgotPasswordPage from './pages/forgot-password.js';
import * as resetPasswordPage from './pages/reset-password.js';
import * as passwordPage from './pages/password.js';
import * as sessionsPage from './pages/sessions.js';
import * as usersPage from './pages/admin-users.js';
import * as serviceAccountsPage from './pages/admin-service-accounts.js';
import * as organizationKeysPage from './pages/admin-api-keys.js';
import * as auditLogPage from './pages/audit-log.js';

const ROUTES = {
  '/': { page: homePage, title: 'Home' },
  '/sign-in': { page: signInPage, title: 'Sign in', public: true },
  '/settings/security/api-keys': { page: apiKeysPage, title: 'API keys' },
  '/settings/security/two-factor': { page: twoFactorPage, title: 'Two-factor authentication' },
  '/settings/security/password': { page: passwordPage, title: 'Password' },
  '/settings/security/sessions': { page: sessionsPage, title: 'Sessions' },
  '/admin/users': { page: usersPage, title: 'Users' },
  '/admin/service-accounts': { page: serviceAccountsPage, title: 'Service accounts' },
  '/admin/api-keys': { page: organizationKeysPage, title: 'API keys' },
  '/admin/audit-log': { page: auditLogPage, title: 'Audit log' },
  '/forgot-password': { page: forgotPasswordPage, title: 'Reset your password', public: true },
  // A reset link works whoever is signed in on this browser: it is about the link's account.
  '/reset-password': { page: resetPasswordPage, title: 'Choose a new password', public: true, always: true },
};

const main = document.getElementById('main');
const nav = document.querySelector('.mainnav');
const account = document.querySelector('.account');
const accountEmail = document.getElementById('account-email');
const signOutError = document.getElementById('sign-out-error');
const adminLink = document.getElementById('nav-admin');
let me = null;

/** The signed-in user and organization (GET /api/auth/status/), loaded once per sign-in (one request shared). */
function status() {
  if (!me) {
    me = api('/api/auth/status/');
    me.catch(() => {
      me = null;
    });
  }
  return me;
}

export function navigate(path, { replace = false } = {}) {
  if (replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  return render();
}

/** A path to return to after signing in: only a local path of ours, never another site. */
function returnPath() {
  const next = new URLSearchParams(location.search).get('next');
  return next && next.startsWith('/') && !next.startsWith('//') && ROUTES[next] && next !== '/sign-in' ? next : '/';
}

async function render() {
  const path = location.pathname.replace(/(.)\/$/, '$1');
  const route = ROUTES[path];
  if (!route) {
    main.replaceChildren(
      h('h1', {}, 'Page not found'),
      h('p', {}, h('a', { href: '/', 'data-link': true }, 'Go to the home page')),
    );
    return;
  }
  if (route.public && !route.always && isSignedIn()) {
    return navigate(returnPath(), { replace: true });
  }
  if (!route.public && !isSignedIn()) {
    const next = path === '/' ? '/sign-in' : `/sign-in?next=${encodeURIComponent(path)}`;
    return navigate(next, { replace: true });
  }
  document.title = `${route.title} · clariBI`;
  if (route.public) signOutError.hidden = true;
  updateChrome(path);
  const context = {
    navigate,
    status,
    afterSignIn: () => {
      me = null;
      return navigate(returnPath(), { replace: true });
    },
    afterSignOut: () => {
      me = null;
      return navigate('/sign-in', { replace: true });
    },
  };
  try {
    main.replaceChildren();
    await route.page.render(main, context);
  } catch (error) {
    if (!isSignedIn()) return navigate('/sign-in', { replace: true });
    main.replaceChildren(h('h1', {}, route.title), errorAlert(error));
  }
  // Move focus to the new content, as a page load would.
  if (document.activeElement === document.body || !main.contains(document.activeElement)) main.focus();
}

async function updateChrome(path) {
  const signedIn = isSignedIn();
  nav.hidden = !signedIn;
  account.hidden = !signedIn;
  nav.querySelectorAll('a').forEach((link) => {
    const section = link.dataset.section;
    if (link.getAttribute('href') === path || (section && path.startsWith(section))) {
      link.setAttribute('aria-current', 'page');
    } else link.removeAttribute('aria-current');
  });
  if (!signedIn) adminLink.hidden = true;
  if (signedIn) {
    try {
      const { user } = await status();
      accountEmail.textContent = user.email;
      // Only a convenience: the administration pages and the API refuse everyone else anyway.
      adminLink.hidden = user.role !== 'administrator';
    } catch {
      accountEmail.textContent = '';
      adminLink.hidden = true;
    }
  }
}

document.addEventListener('click', (event) => {
  const link = event.target.closest('a[data-link]');
  if (
    !link ||
    event.defaultPrevented ||
    event.button !== 0 ||
    event.metaKey ||
    event.ctrlKey ||
    event.shiftKey ||
    event.altKey
  )
    return;
  event.preventDefault();
  if (link.getAttribute('href') !== location.pathname) navigate(link.getAttribute('href'));
});

window.addEventListener('popstate', render);

const signOutButton = document.getElementById('sign-out');
signOutButton.addEventListener('click', async () => {
  signOutButton.disabled = true;
  signOutError.hidden = true;
  try {
    await signOut();
  } catch {
    // The session may still be alive on the server: the user stays signed in here and can try again.
    signOutError.textContent = 'Sign-out failed, try again';
    signOutError.hidden = false;
    return;
  } finally {
    signOutButton.disabled = false;
  }
  me = null;
  navigate('/sign-in', { replace: true });
});

// Another account signed in in another tab (the cookie is shared): what this tab knows is of the previous user.
onSessionChanged(() => {
  me = null;
  navigate('/', { replace: true });
});

// Sudo mode: a sensitive change refused for an old password proof asks for the password in place, then goes through.
onReauthenticationRequired(askForPassword);

onSignedOut(() => {
  me = null;
  navigate(`/sign-in?next=${encodeURIComponent(location.pathname)}`, { replace: true });
});

// A reload keeps the user signed in: the refresh cookie gets a new access token before the first page renders.
(async () => {
  try {
    await refresh();
  } catch {
    // The server could not answer: the sign-in page will say so when it is used.
  }
  document.body.classList.add('ready');
  render();
})();
