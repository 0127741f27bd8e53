// Runtime of the Gmail stand-in pages (inlined by pages.ts). Plain JS on purpose: it is sent to the
// browser as-is, so no TypeScript transpiler may inject helpers into it. Typed in api.ts.
// It opens compose windows AFTER load, the way Gmail does (insert a whole subtree into a container
// that may itself be created lazily), and exposes window.__gmail for tests.
(() => {
  'use strict';
  const C = window.__gmailConfig;
  const T = C.templates;
  const params = new URLSearchParams(location.search);
  const delay = Number(params.get('delay') ?? C.delay);
  const drafts = new Map();
  let nextId = 1;

  // Stand-in variants (variants.ts) with Gmail's class tokens renamed: every class token gets `classSuffix`
  // (email-content classes `gmail_*` excepted), in the HTML the runtime inserts (H) and in its own selectors
  // (S) and class names (K). Without a suffix all three return their input.
  const SUFFIX = C.classSuffix ?? '';
  const K = (name) => (SUFFIX && !name.startsWith('gmail_') && !name.endsWith(SUFFIX) ? name + SUFFIX : name);
  const S = (selector) => (SUFFIX ? selector.replace(/\.([A-Za-z_][\w-]*)/g, (_, name) => '.' + K(name)) : selector);
  const H = (html) =>
    SUFFIX ? html.replace(/(\sclass=)(["'])([^"']*)\2/g, (_, a, q, v) => a + q + v.split(/\s+/).filter(Boolean).map(K).join(' ') + q) : html;
  const $ = (selector, root = document) => root.querySelector(S(selector));
  // Like Gmail, the page is served with `require-trusted-types-for 'script'`: its own HTML goes through a policy.
  const policy = window.trustedTypes?.createPolicy('gmail-stand-in', { createHTML: (html) => html });
  const trusted = (html) => (policy ? policy.createHTML(H(html)) : H(html));
  const fromHtml = (html) => {
    const template = document.createElement('template');
    template.innerHTML = trusted(html.trim());
    return template.content.firstElementChild;
  };
  // One pass: values are never re-scanned for tokens.
  const fill = (template, values) => template.replace(/\{\{(\w+)\}\}/g, (_, key) => values[key] ?? '');
  const escAttr = (text) => String(text).replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

  function rootOf(id) {
    for (const input of document.querySelectorAll(S('input[name="composeid"]'))) {
      if (input.value === String(id)) return input.closest(S('.M9'));
    }
    return null;
  }
  function must(id) {
    const root = rootOf(id);
    if (!root) throw new Error(`No compose with id ${id}`);
    return root;
  }
  const idOf = (el) => $('input[name="composeid"]', el.closest(S('.M9')) ?? el)?.value ?? null;
  function newId() {
    while (rootOf(nextId)) nextId++;
    return String(nextId++);
  }

  function composeHtml(id, variant, opts) {
    const body =
      (opts.body ?? '<div><br></div>') +
      (opts.signature === false ? '' : T.signature) +
      (variant === 'reply' ? T.quote : '');
    return fill(variant === 'reply' ? T.composeReply : T.composeNew, {
      id,
      draft: `#msg-a:r${String(Math.random()).slice(2, 20)}`,
      rt: variant === 'reply' ? '#thread-f:1789012345678901234' : '',
      subject: escAttr(opts.subject ?? ''),
      // `to`: the To field's chips (the address as its name too, as Gmail shows an address not in Contacts).
      chips: opts.to ? opts.to.map((a) => fill(T.chip, { name: escAttr(a), email: escAttr(a) })).join('') : variant === 'reply' ? T.replyChips : '',
      body,
    });
  }

  // Containers Gmail creates lazily (InboxSDK comment on MOLE_CONTAINER_SELECTOR).
  function moleParent() {
    if (!$('.dw .no')) document.body.append(fromHtml('<div class="dw"><div class="nH"><div class="nH"><div class="no"></div></div></div></div>'));
    return $('.dw .no');
  }
  function fullscreenParent() {
    if (!$('body > .aSs > .aSt')) document.body.append(fromHtml('<div class="aSs"><div class="aSt"></div></div>'));
    $('body > .aSs').style.display = '';
    return $('body > .aSs > .aSt');
  }
  function putInMole(wrapper) {
    const slot = fromHtml('<div class="nH nn"><div class="nH"><div class="AD"></div></div></div>');
    $('.AD', slot).append(wrapper);
    moleParent().append(slot);
  }
  // The div.nH holding the dialog: what Gmail moves between the mole strip and full screen.
  function wrapperOf(root) {
    const dialog = root.closest(S('[role="dialog"]'));
    if (!dialog) throw new Error('Not a mole or full-screen compose');
    return dialog.parentElement;
  }
  function detach(wrapper) {
    const slot = wrapper.closest(S('.nn'));
    wrapper.remove();
    if (slot && !$('[role="dialog"]', slot)) slot.remove();
    const overlay = $('body > .aSs');
    if (overlay && !$('[role="dialog"]', overlay)) overlay.style.display = 'none';
  }
  const hider = (root) => {
    if (!root.closest(S('[role="dialog"]'))) throw new Error('Only moles minimize');
    return root.closest(S('.aaZ')).parentElement;
  };

  function setPlainText(id, on = true) {
    const root = must(id);
    let item = $('[role="menuitemcheckbox"].Gk', root);
    if (!item && !on) return;
    if (!item) {
      root.append(fromHtml(T.plainMenu));
      item = $('[role="menuitemcheckbox"].Gk', root);
    }
    item.setAttribute('aria-checked', String(on));
    item.classList.toggle(K('J-Ks-KO'), on);
  }

  // Builds the whole compose first, then inserts it in one go, as Gmail does.
  function openCompose(opts = {}) {
    const kind = opts.kind ?? (C.page === 'popout' ? 'popout' : 'mole');
    if (kind === 'inline') return openReply(opts);
    const id = newId();
    const compose = composeHtml(id, 'new', opts);
    let el;
    if (kind === 'popout') {
      if (!document.body.classList.contains(K('xE'))) throw new Error('Pop-out composes live on /mail/u/0/popout');
      el = fromHtml(`<div class="nH Hd"><div class="nH"><div class="aaZ">${compose}</div></div></div>`);
    } else if (['mole', 'fullscreen', 'plaintext'].includes(kind)) {
      el = fromHtml(fill(T.dialog, { id, compose }));
    } else {
      throw new Error(`Unknown compose kind ${kind}`);
    }
    if (kind === 'plaintext' || opts.plainText) el.querySelector(S('.M9')).append(fromHtml(T.plainMenu));
    if (opts.minimized) hider(el.querySelector(S('.M9'))).style.display = 'none';
    if (kind === 'popout') $('[role="main"]').append(el);
    else if (kind === 'fullscreen') fullscreenParent().append(el);
    else putInMole(el);
    watch(id);
    return id;
  }

  function openReply(opts = {}) {
    if (!$('[role="main"] .h7 .ip')) showThread();
    const area = [...document.querySelectorAll(S('[role="main"] .h7 .ip'))].pop();
    const open = $('.M9', area);
    if (open) return idOf(open);
    const id = newId();
    area.innerHTML = trusted(composeHtml(id, 'reply', opts));
    area.classList.replace(K('iq'), K('adB'));
    if (opts.kind === 'plaintext' || opts.plainText) setPlainText(id, true);
    watch(id);
    return id;
  }

  function close(id) {
    const root = must(id);
    const area = root.closest(S('.ip'));
    if (area) {
      area.classList.replace(K('adB'), K('iq'));
      area.innerHTML = trusted(fromHtml(T.thread).querySelector(S('.ip')).innerHTML);
    } else if (root.closest(S('[role="dialog"]'))) detach(wrapperOf(root));
    else root.closest(S('.Hd')).remove();
    drafts.delete(String(id));
  }

  function showThread() {
    $('[role="main"]').innerHTML = trusted(T.thread);
    history.pushState(null, '', '#inbox/FMfcgzQbgRpZ');
  }
  function showInbox() {
    $('[role="main"]').innerHTML = trusted(T.inbox);
    history.pushState(null, '', '#inbox');
  }

  // Draft autosave stand-in: records input events (native ones are trusted) and "saves" 300 ms later.
  function watch(id) {
    const root = must(id);
    const body = $('[g_editable="true"]', root);
    const draft = { inputs: [], saves: 0, html: null, timer: 0 };
    drafts.set(String(id), draft);
    body.addEventListener('input', (event) => {
      draft.inputs.push({ inputType: event.inputType ?? '', isTrusted: event.isTrusted });
      clearTimeout(draft.timer);
      draft.timer = setTimeout(() => {
        draft.saves++;
        draft.html = body.innerHTML;
        const status = $('.aDl .oG', root);
        if (status) status.textContent = C.draftSaved;
      }, 300);
    });
  }

  function addNoise(n, opts = {}) {
    const burst = opts.burst ?? 50;
    if (!$('.os-noise')) document.body.append(fromHtml('<div class="nH os-noise" aria-hidden="true"></div>'));
    const sink = $('.os-noise');
    return new Promise((resolve) => {
      let left = n;
      const step = () => {
        const fragment = document.createDocumentFragment();
        for (let i = 0; i < Math.min(burst, left); i++) {
          const kind = i % 3;
          fragment.append(
            fromHtml(
              kind === 0
                ? '<div class="nH aHS"><span class="bog">Update</span><div class="yW"><span>noise</span></div></div>'
                : kind === 1
                  ? '<table class="F cf zt"><tbody><tr class="zA yO"><td class="xY"><span>noise</span></td></tr></tbody></table>'
                  : '<span class="aKz" role="status">noise</span>',
            ),
          );
        }
        left -= Math.min(burst, left);
        sink.append(fragment);
        if (left > 0) setTimeout(step, 0);
        else resolve();
      };
      step();
    });
  }

  document.addEventListener('click', (event) => {
    const target = event.target;
    if (!(target instanceof Element)) return;
    if (target.closest(S('[gh="cm"]'))) openCompose({ kind: 'mole' });
    else if (target.closest(S('.ams.bkH'))) openCompose({ kind: 'inline' });
    else if (target.closest(S('tr.zA')) && target.closest(S('[role="main"]'))) showThread();
    else if (target.closest(S('.Hm img'))) {
      const id = idOf(target.closest(S('[role="dialog"]')));
      const root = must(id);
      if (target.classList.contains(K('Hl'))) hider(root).style.display = hider(root).style.display === 'none' ? '' : 'none';
      else if (target.classList.contains(K('Hq'))) (root.closest(S('.aSt')) ? api.toMole : api.toFullscreen)(id);
      else if (target.classList.contains(K('Ha'))) close(id);
    }
  });
  window.addEventListener('hashchange', () => (location.hash.startsWith('#inbox/') ? showThread() : showInbox()));

  const api = {
    openCompose,
    minimize: (id) => void (hider(must(id)).style.display = 'none'),
    restore: (id) => void (hider(must(id)).style.display = ''),
    toFullscreen(id) {
      const wrapper = wrapperOf(must(id));
      detach(wrapper);
      fullscreenParent().append(wrapper);
    },
    toMole(id) {
      const wrapper = wrapperOf(must(id));
      detach(wrapper);
      putInMole(wrapper);
    },
    close,
    setPlainText,
    rerenderToolbar(id) {
      const row = $('tr.btC', must(id));
      row.replaceWith(fromHtml(`<table><tbody>${T.toolbarRow}</tbody></table>`).querySelector(S('tr')));
    },
    navigate(view = 'inbox') {
      if (view === 'thread') {
        showThread();
        return openReply();
      }
      showInbox();
      return null;
    },
    addNoise,
    // Gmail's theme is its own setting (not the OS colour scheme); the stand-in paints a dark one.
    setTheme(theme = 'light') {
      document.body.classList.toggle(K('gmail-dark-theme'), theme === 'dark');
    },
    root: (id) => rootOf(id),
    ids: () => [...document.querySelectorAll(S('input[name="composeid"]'))].map((input) => input.value),
    draft(id) {
      const draft = drafts.get(String(id));
      return draft ? { inputs: [...draft.inputs], saves: draft.saves, html: draft.html } : null;
    },
    trusted,
    shortcuts: [],
    ready: null,
  };
  window.__gmail = api;

  // Gmail with keyboard shortcuts turned on (Settings > Keyboard shortcuts): a single key pressed outside a
  // text field runs a command ("c" opens a new message). Like any page, it judges by the event's target as
  // the document sees it, so for a key typed inside a shadow root that is the shadow host.
  const typing = (el) => el instanceof Element && (el.matches('input, textarea, select') || el.isContentEditable);
  document.addEventListener('keydown', (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
    if (event.key === 'c') {
      api.shortcuts.push('c');
      openCompose({ kind: 'mole' });
    }
  });

  // Gmail routes by hash: /mail/u/0/#inbox/<thread> shows the conversation, its reply opens after load.
  const threadHash = C.page !== 'popout' && location.hash.startsWith('#inbox/');
  if (threadHash && !$('[role="main"] .h7')) showThread();
  const auto = (params.get('compose') ?? C.autoCompose).split(',').filter(Boolean);
  if (threadHash && !auto.includes('inline')) auto.push('inline');
  api.ready = new Promise((resolve) => {
    setTimeout(() => {
      if (T.capture) {
        putInMole(fromHtml(T.capture));
        watch(idOf($('.dw .M9')));
      }
      for (const kind of auto) openCompose({ kind });
      resolve();
    }, delay);
  });
})();
