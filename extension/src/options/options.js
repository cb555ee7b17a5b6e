// @ts-check
/* Options page: backend address, when to run, following links, per-site off switches. */
(function () {
  'use strict';
  const Settings = globalThis.Sidenote.settings;
  /** @param {string} id */
  const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));
  /** @param {string} id */
  const field = (id) => /** @type {HTMLInputElement} */ (document.getElementById(id));
  let current = Settings.withDefaults(null);

  function renderSites() {
    const list = $('sites');
    list.replaceChildren();
    for (const site of current.disabledSites) {
      const li = document.createElement('li');
      const name = document.createElement('span');
      name.textContent = site;
      const on = document.createElement('button');
      on.type = 'button';
      on.textContent = 'Turn back on';
      on.setAttribute('aria-label', 'Turn Sidenote back on for ' + site);
      on.addEventListener('click', () => {
        current.disabledSites = current.disabledSites.filter((s) => s !== site);
        renderSites();
      });
      li.append(name, on);
      list.append(li);
    }
  }

  async function load() {
    const got = await chrome.storage.local.get(Settings.KEY);
    current = Settings.withDefaults(got[Settings.KEY]);
    field('backendUrl').value = current.backendUrl;
    field('autoRun').checked = current.autoRun;
    field('toolbarRun').checked = current.toolbarRun;
    field('followLinks').checked = current.followLinks;
    renderSites();
  }

  $('addSite').addEventListener('click', () => {
    const raw = field('newSite').value.trim();
    let host = raw;
    try {
      host = new URL(raw.includes('://') ? raw : 'https://' + raw).hostname;
    } catch (e) {
      host = '';
    }
    const key = Settings.siteKey(host);
    if (key && !current.disabledSites.includes(key)) current.disabledSites.push(key);
    field('newSite').value = '';
    renderSites();
  });

  $('form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const status = $('status');
    const url = Settings.normalizeBackendUrl(field('backendUrl').value);
    if (!url) {
      status.textContent = 'The backend address must be an http:// or https:// URL.';
      return;
    }
    if (!Settings.isDefaultHost(url)) {
      // A backend elsewhere than this computer needs the reader's consent
      // (optional_host_permissions); asked here, in the click's user gesture.
      const ok = await chrome.permissions.request({ origins: [Settings.originPattern(url)] }).catch(() => false);
      if (!ok) {
        status.textContent = 'Sidenote was not allowed to contact ' + url + '; the address was not saved.';
        return;
      }
    }
    current = {
      ...current,
      backendUrl: url,
      autoRun: field('autoRun').checked,
      toolbarRun: field('toolbarRun').checked,
      followLinks: field('followLinks').checked,
    };
    await chrome.storage.local.set({ [Settings.KEY]: current });
    status.textContent = 'Saved.';
  });

  load();
})();
