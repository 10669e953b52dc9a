// Offline capture (issue 15): a check-in, a win or thank-you line, or an emotion-box slip, saved on
// the phone when the app can't be reached, and sent home exactly once when it can.
//
// - The kit (GET /api/offline/kit: the quadrants, words and cause tags in the user's language, the
//   texts, whose queue this is and the server's time) is kept in IndexedDB on every signed-in load.
// - Entries wait in IndexedDB with an id made here, the moment they were felt (on the server's clock,
//   as last seen), and the owner mark of the kit they were made under; only the kit's current owner's
//   entries are ever sent, and the server refuses a queue recorded under another account.
// - POST /api/sync stores them (idempotent by id); what the server took, or can never take, is removed.
// - On Today, while the live connection is down, taps on the check-in, the wins form and the box card
//   open the same capture panel in a dialog; the offline screen (offline.html) shows it inline.
// - When the words synced show a crisis sign, the server says how urgent (never the words); the
//   private care card then shows on Today or on the offline screen, unless "not now" was said today.
// - Signing out asks before deleting entries that have not synced.
(function () {
  "use strict";
  const DB_NAME = "resilience-offline";
  const STORE = "entries";
  const KIT_STORE = "kit";
  const DAY_MS = 86400000;

  // --- the kit (kept in IndexedDB beside the queue; a copy in memory for synchronous decisions) ---

  let kitCache = null;
  let kitLoaded = null;

  function valid(kit) {
    return kit && kit.owner && Array.isArray(kit.quadrants) ? kit : null;
  }

  function readKit() {
    return kitCache;
  }

  function loadKit() {
    if (!kitLoaded) {
      kitLoaded = run("readonly", (store) => store.get("current"), KIT_STORE)
        .then((kit) => { kitCache = kitCache || valid(kit); return kitCache; })
        .catch(() => kitCache);
    }
    return kitLoaded.then(() => kitCache);
  }

  function forgetKit() {
    kitCache = null;
    return run("readwrite", (store) => store.delete("current"), KIT_STORE).catch(() => null);
  }

  async function refreshKit() {
    const sent = Date.now();
    const response = await fetch("/api/offline/kit", { credentials: "same-origin", cache: "no-store" });
    if (!response.ok) throw new Error("kit " + response.status);
    const kit = await response.json();
    if (!kit.owner) {
      await forgetKit(); // signed out: the next person on this phone gets no one's kit
      return null;
    }
    // The app's time is the server's: remember how far this phone's clock is from it.
    kit.offset = kit.now - Math.round((sent + Date.now()) / 2);
    kitCache = kit;
    await run("readwrite", (store) => store.put(kit, "current"), KIT_STORE).catch(() => null);
    return kit;
  }

  function text(kit, key, n) {
    const value = (kit.text && kit.text[key]) || key;
    return n === undefined ? value : value.replace("{n}", String(n));
  }

  // --- the queue (IndexedDB) -------------------------------------------------------------------

  let opened = null;
  function openDb() {
    if (!opened) {
      opened = new Promise((resolve, reject) => {
        const request = indexedDB.open(DB_NAME, 1);
        request.onupgradeneeded = () => {
          request.result.createObjectStore(STORE, { keyPath: "id" });
          request.result.createObjectStore(KIT_STORE);
        };
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      opened.catch(() => { opened = null; });
    }
    return opened;
  }

  async function run(mode, work, name) {
    const db = await openDb();
    return new Promise((resolve, reject) => {
      const transaction = db.transaction(name || STORE, mode);
      const request = work(transaction.objectStore(name || STORE));
      transaction.oncomplete = () => resolve(request ? request.result : undefined);
      transaction.onerror = transaction.onabort = () => reject(transaction.error);
    });
  }

  const put = (entry) => run("readwrite", (store) => store.put(entry));
  const removeIds = (ids) => run("readwrite", (store) => { ids.forEach((id) => store.delete(id)); });

  // The owner's entries, oldest first; any entry past the server's age limit is dropped (it can't sync).
  async function entriesOf(owner) {
    const all = (await run("readonly", (store) => store.getAll())) || [];
    const kit = readKit();
    const limit = Date.now() + ((kit && kit.offset) || 0) - ((kit && kit.limits && kit.limits.days) || 30) * DAY_MS;
    const stale = all.filter((entry) => entry.felt_ms < limit).map((entry) => entry.id);
    if (stale.length) await removeIds(stale);
    return all.filter((entry) => entry.owner === owner && entry.felt_ms >= limit)
      .sort((a, b) => a.felt_ms - b.felt_ms);
  }

  function newId() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID().replace(/-/g, "");
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  }

  async function queue(kit, fields) {
    const felt = Date.now() + (kit.offset || 0);
    const entry = Object.assign({ id: newId(), owner: kit.owner, felt_ms: felt,
                                  felt_at: new Date(felt).toISOString() }, fields);
    await put(entry);
    changed();
    return entry;
  }

  // --- sync ------------------------------------------------------------------------------------

  const editing = new Set(); // entries whose details are still being chosen wait for the choice
  let syncing = null;
  let retryTimer = null;
  let retryDelay = 2000;

  function wire(entry) {
    return { id: entry.id, kind: entry.kind, felt_at: entry.felt_at, emotion: entry.emotion,
             intensity: entry.intensity || null, tags: entry.tags || [], text: entry.text };
  }

  // The "not now" mark the app keeps on this phone (state/care.py): the server then answers no care today.
  function quietMark() {
    try { return localStorage.getItem("resilience_quiet") || ""; } catch (e) { return ""; }
  }

  // One batch; says whether more may be waiting, and the care the server saw the words need (if any).
  async function syncOnce() {
    const kit = readKit();
    if (!kit) return { stored: [], more: false };
    const batch = (kit.limits && kit.limits.batch) || 50;
    const ready = (await entriesOf(kit.owner)).filter((entry) => !editing.has(entry.id));
    if (!ready.length) return { stored: [], more: false };
    const response = await fetch("/api/sync", {
      method: "POST",
      credentials: "same-origin",
      cache: "no-store",
      headers: { "Content-Type": "application/json", "X-Resilience-Sync": "1" },
      body: JSON.stringify({ owner: kit.owner, quiet: quietMark(), entries: ready.slice(0, batch).map(wire) }),
    });
    if (response.status === 409 || response.status === 401) {
      // Another account (or nobody) is signed in now: the entries stay for their owner.
      await refreshKit().catch(() => null);
      return { stored: [], more: false };
    }
    if (!response.ok) throw new Error("sync " + response.status);
    const answer = await response.json();
    const results = answer.results || [];
    const done = results.filter((r) => r.id && r.status !== "later").map((r) => r.id);
    await removeIds(done);
    return { stored: results.filter((r) => r.status === "stored").map((r) => r.id),
             more: ready.length > batch && done.length > 0, care: answer.care || null,
             arrived: results.filter((r) => r.status === "stored" || r.status === "duplicate").map((r) => r.id) };
  }

  function sync() {
    if (syncing) return syncing;
    syncing = (async () => {
      const stored = [];
      let care = null;
      try {
        for (let round = 0; round < 20; round++) {
          const result = await syncOnce();
          stored.push(...result.stored);
          if (result.care) {
            care = { severity: care && care.severity === "acute" ? "acute" : result.care.severity,
                     quiet_mark: result.care.quiet_mark, ids: ((care && care.ids) || []).concat(result.arrived) };
          }
          if (!result.more) break;
        }
        retryDelay = 2000;
      } catch (e) {
        scheduleRetry();
      }
      if (stored.length) synced(stored);
      if (care) cared(care);
      changed();
      return stored.length;
    })().finally(() => { syncing = null; });
    return syncing;
  }

  // While entries wait, try again with backoff (capped at 30 s) in case no other signal comes.
  function scheduleRetry() {
    if (retryTimer) return;
    retryTimer = setTimeout(() => {
      retryTimer = null;
      if (!liveDown()) sync();
      else scheduleRetry();
    }, retryDelay);
    retryDelay = Math.min(retryDelay * 2, 30000);
  }

  // --- what the page shows ---------------------------------------------------------------------

  const listeners = [];
  function changed() {
    listeners.forEach((listener) => { try { listener(); } catch (e) { /* one view must not stop others */ } });
    renderSlot();
  }

  // The live connection is down when the browser says so or Reflex's socket has failed (components/offline_capture.py).
  function liveDown() {
    if (navigator.onLine === false) return true;
    const marker = document.getElementById("live-connection");
    return !!marker && marker.dataset.live === "down";
  }

  function h(tag, attrs, ...children) {
    const node = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([name, value]) => {
      if (value === null || value === undefined || value === false) return;
      if (name === "on") Object.entries(value).forEach(([event, fn]) => node.addEventListener(event, fn));
      else node.setAttribute(name, value === true ? "" : value);
    });
    children.flat().forEach((child) => {
      if (child === null || child === undefined || child === false) return;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    });
    return node;
  }

  function timeOf(kit, entry) {
    try {
      // The app's time (what the journal will show), in the phone's zone.
      return new Date(entry.felt_ms).toLocaleTimeString(kit.lang, { hour: "2-digit", minute: "2-digit" });
    } catch (e) {
      return "";
    }
  }

  function emotionName(kit, key) {
    for (const quadrant of kit.quadrants) {
      for (const word of quadrant.emotions) if (word.key === key) return { name: word.name, color: quadrant.color };
    }
    return { name: key, color: "" };
  }

  // The capture panel: check-in (quadrant, word, then optional strength and causes), a line, a slip,
  // and what waits on this phone. `focus` opens it on a quadrant, a saved entry or a section.
  function panel(kit, options) {
    options = options || {};
    const status = h("p", { class: "oc-status", id: "oc-status", role: "status", "aria-live": "polite" });
    const checkin = h("section", { class: "oc-card", id: "oc-checkin", "aria-labelledby": "oc-checkin-title" });
    const pending = h("section", { class: "oc-card oc-pending", id: "oc-pending", hidden: true,
                                   "aria-labelledby": "oc-pending-title" });

    function say(message, quiet) {
      status.classList.toggle("oc-sr", !!quiet); // quiet: the badge shows it, screen readers hear it
      status.textContent = "";
      // A fresh node, so a screen reader announces the same message twice in a row too.
      status.append(h("span", {}, message));
    }

    function showQuadrants() {
      checkin.replaceChildren(
        h("h2", { id: "oc-checkin-title" }, text(kit, "question")),
        h("div", { class: "oc-grid", id: "oc-quadrants" }, kit.quadrants.map((q) => h("button", {
          type: "button", class: "q-tile oc-tile", "data-q": q.color, "data-oc-quadrant": q.key,
          on: { click: () => showWords(q.key) },
        }, h("span", { class: "q-dot oc-dot", "aria-hidden": "true" }), h("span", { class: "oc-tile-name" }, q.name),
        h("span", { class: "oc-tile-hint" }, q.hint)))),
      );
    }

    function showWords(key) {
      const q = kit.quadrants.find((item) => item.key === key);
      if (!q) return showQuadrants();
      checkin.replaceChildren(
        h("div", { class: "oc-words-head", "data-q": q.color },
          h("button", { type: "button", class: "oc-back", "aria-label": text(kit, "back"), on: { click: showQuadrants } }, "←"),
          h("h2", { id: "oc-checkin-title", class: "q-ink" }, q.name),
          h("span", { class: "oc-muted" }, text(kit, "pick_word"))),
        h("div", { class: "oc-chips", id: "oc-words", "data-q": q.color }, q.emotions.map((word) => h("button", {
          type: "button", class: "q-chip oc-chip", "data-oc-emotion": word.key,
          on: { click: () => saveCheckin(word.key) },
        }, word.name))),
      );
      const first = checkin.querySelector("[data-oc-emotion]");
      if (first && options.focusWords !== false) first.focus({ preventScroll: true });
    }

    async function saveCheckin(emotion) {
      const entry = await queue(kit, { kind: "checkin", emotion, intensity: null, tags: [] });
      showSaved(entry);
    }

    function showSaved(entry) {
      editing.add(entry.id);
      const word = emotionName(kit, entry.emotion);
      const strength = (level) => h("button", {
        type: "button", class: "q-chip oc-level", "aria-pressed": String(entry.intensity === level),
        on: { click: async (event) => {
          entry.intensity = entry.intensity === level ? null : level;
          checkin.querySelectorAll(".oc-level").forEach((b) => b.setAttribute("aria-pressed", "false"));
          if (entry.intensity) event.currentTarget.setAttribute("aria-pressed", "true");
          await put(entry);
        } },
      }, String(level));
      const tag = (option) => h("button", {
        type: "button", class: "q-chip oc-tag", "data-oc-tag": option.key,
        "aria-pressed": String((entry.tags || []).includes(option.key)),
        on: { click: async (event) => {
          const tags = entry.tags || [];
          const on = !tags.includes(option.key);
          if (on && tags.length >= ((kit.limits && kit.limits.tags) || 6)) return;
          entry.tags = on ? [...tags, option.key] : tags.filter((t) => t !== option.key);
          event.currentTarget.setAttribute("aria-pressed", String(on));
          await put(entry);
        } },
      }, option.name);
      const done = () => {
        editing.delete(entry.id);
        showQuadrants();
        changed();
        if (!liveDown()) sync();
      };
      checkin.replaceChildren(
        h("div", { class: "oc-saved", "data-q": word.color, id: "oc-saved" },
          h("p", { class: "oc-saved-word" }, text(kit, "saved_prefix"), h("strong", { class: "q-ink" }, word.name)),
          h("p", { class: "oc-badge" }, text(kit, "saved_here"))),
        h("div", { class: "oc-field", "data-q": word.color },
          h("span", { class: "oc-label" }, text(kit, "intensity")),
          h("div", { class: "oc-levels" }, [1, 2, 3, 4, 5].map(strength)),
          h("div", { class: "oc-scale" }, h("span", {}, text(kit, "intensity_low")), h("span", {}, text(kit, "intensity_high")))),
        h("div", { class: "oc-field", "data-q": word.color },
          h("span", { class: "oc-label" }, text(kit, "tags")),
          h("div", { class: "oc-chips" }, kit.causes.map(tag))),
        h("button", { type: "button", class: "oc-primary", id: "oc-done", on: { click: done } }, text(kit, "done")),
      );
      say(text(kit, "saved_here_long"), true);
    }

    function writer(kind, id, titleKey, placeholderKey, limit) {
      let chosen = kind === "win" ? (options.kind || "win") : "box";
      const area = h("textarea", { id: id + "-text", rows: "2", maxlength: String(limit),
                                   placeholder: text(kit, placeholderKey), "aria-labelledby": id + "-title" });
      const kinds = kind !== "win" ? null : h("div", { class: "oc-segments", role: "group" },
        ["win", "gratitude"].map((k) => h("button", {
          type: "button", class: "oc-segment", "data-oc-kind": k, "aria-pressed": String(chosen === k),
          on: { click: (event) => {
            chosen = k;
            event.currentTarget.parentNode.querySelectorAll("button").forEach((b) => b.setAttribute("aria-pressed", String(b === event.currentTarget)));
          } },
        }, text(kit, "kind_" + k))));
      const save = async () => {
        const value = area.value.trim();
        if (!value) {
          say(text(kit, "empty"));
          area.focus();
          return;
        }
        await queue(kit, { kind: chosen, text: value.slice(0, limit) });
        area.value = "";
        say(text(kit, "saved_here_long"));
        if (!liveDown()) sync();
      };
      return h("section", { class: "oc-card", id, "aria-labelledby": id + "-title" },
        h("h2", { id: id + "-title" }, text(kit, titleKey)), kinds, area,
        h("button", { type: "button", class: "oc-primary", id: id + "-save", on: { click: save } }, text(kit, "save")));
    }

    async function showPending() {
      const entries = await entriesOf(kit.owner);
      pending.hidden = entries.length === 0;
      pending.replaceChildren(
        h("h2", { id: "oc-pending-title" }, text(kit, "pending_title")),
        h("ul", { class: "oc-list" }, entries.map((entry) => {
          const label = entry.kind === "checkin" ? emotionName(kit, entry.emotion).name
            : entry.kind === "box" ? "" : entry.text;
          return h("li", { "data-oc-entry": entry.id },
            h("span", { class: "oc-item-kind" }, text(kit, "item_" + entry.kind)),
            label ? h("span", { class: "oc-item-text" }, label) : null,
            h("span", { class: "oc-item-time" }, timeOf(kit, entry)));
        })),
        h("p", { class: "oc-badge" }, text(kit, entries.length === 1 ? "pending_one" : "pending_many", entries.length)),
      );
    }

    const root = h("div", { class: "oc-panel", lang: kit.lang }, status, pending, checkin,
                   writer("win", "oc-win", "win_title", "win_placeholder", (kit.limits && kit.limits.text) || 300),
                   writer("box", "oc-box", "box_title", "box_placeholder", (kit.limits && kit.limits.box) || 500));
    root.ocRefresh = showPending;
    listeners.push(showPending);
    root.ocDispose = () => {
      const at = listeners.indexOf(showPending);
      if (at >= 0) listeners.splice(at, 1);
      checkin.querySelectorAll("#oc-done").forEach((b) => b.click());
    };
    if (options.entry) showSaved(options.entry);
    else if (options.quadrant) showWords(options.quadrant);
    else showQuadrants();
    if (options.message) say(options.message);
    showPending();
    return root;
  }

  // --- Today, while the live connection is down ------------------------------------------------

  let dialog = null;
  function openDialog(kit, options) {
    if (dialog) closeDialog();
    const content = panel(kit, options);
    const close = h("button", { type: "button", class: "oc-close", "aria-label": text(kit, "close"),
                                on: { click: closeDialog } }, "×");
    dialog = h("dialog", { class: "oc-dialog", id: "offline-capture", "aria-labelledby": "oc-title", lang: kit.lang },
      h("div", { class: "oc-dialog-head" },
        h("div", {}, h("h2", { id: "oc-title" }, text(kit, "sheet_title")), h("p", { class: "oc-muted" }, text(kit, "sheet_lead"))),
        close),
      content);
    dialog.addEventListener("close", () => {
      content.ocDispose();
      dialog.remove();
      dialog = null;
      if (!liveDown()) sync();
    });
    document.body.append(dialog);
    dialog.showModal();
    const section = options && options.section && dialog.querySelector("#" + options.section);
    if (section) {
      section.scrollIntoView({ block: "start" });
      const field = section.querySelector("textarea");
      if (field) field.focus({ preventScroll: true });
    }
    return dialog;
  }

  function closeDialog() {
    if (dialog && dialog.open) dialog.close();
  }

  // Taps reach this before React (window, capture phase): while the connection is down they are
  // handled here, never queued in Reflex's memory to replay later.
  window.addEventListener("click", (event) => {
    if (dialog || !liveDown()) return;
    const kit = readKit();
    const target = event.target instanceof Element ? event.target : null;
    if (!kit || !target) return;
    const quadrant = target.closest("#mood-checkin [data-quadrant]");
    const word = target.closest("#mood-checkin [data-emotion]");
    const box = target.closest("#box-card");
    const slot = target.closest("[data-oc-open]");
    if (!quadrant && !word && !box && !slot) return;
    event.preventDefault();
    event.stopPropagation();
    if (quadrant) openDialog(kit, { quadrant: quadrant.dataset.quadrant });
    else if (box) openDialog(kit, { section: "oc-box" });
    else if (slot) openDialog(kit, {});
    else queue(kit, { kind: "checkin", emotion: word.dataset.emotion, intensity: null, tags: [] })
      .then((entry) => openDialog(kit, { entry }));
  }, true);

  window.addEventListener("submit", (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement)) return;
    if (form.hasAttribute("data-sign-out")) {
      signingOut(event, form);
      return;
    }
    const field = form.querySelector("#win-text");
    const kit = readKit();
    if (!field || !kit || !liveDown()) return;
    event.preventDefault();
    event.stopPropagation();
    const value = field.value.trim();
    const pressed = form.closest("#wins-card") && form.closest("#wins-card").querySelectorAll("[aria-pressed]");
    const kind = pressed && pressed.length > 1 && pressed[1].getAttribute("aria-pressed") === "true" ? "gratitude" : "win";
    if (!value) {
      openDialog(kit, { section: "oc-win", kind });
      return;
    }
    queue(kit, { kind, text: value.slice(0, (kit.limits && kit.limits.text) || 300) }).then(() => {
      // Clearing through the setter and an input event also forgets the draft (assets/drafts.js).
      Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, "value").set.call(field, "");
      field.dispatchEvent(new Event("input", { bubbles: true }));
      openDialog(kit, { section: "oc-pending", kind, message: text(kit, "saved_here_long") });
    });
  }, true);

  // --- signing out -----------------------------------------------------------------------------

  // A sign-out form first tries to sync; what is still waiting is deleted only if the user says so.
  function signingOut(event, form) {
    if (form.dataset.ocChecked === "yes") {
      delete form.dataset.ocChecked;
      return; // asked already: let it go (and drafts.js forget the drafts)
    }
    const kit = readKit();
    if (!kit) return;
    const isLogout = (form.getAttribute("action") || "").endsWith("/auth/logout");
    if (!isLogout) return; // deleting the account: the page itself asks for the password
    event.preventDefault();
    event.stopPropagation();
    (async () => {
      if (!liveDown()) await sync();
      const left = await entriesOf(kit.owner).catch(() => []);
      if (left.length) {
        const question = text(kit, left.length === 1 ? "sign_out_one" : "sign_out_many", left.length);
        if (!window.confirm(question)) return;
        await removeIds(left.map((entry) => entry.id));
      }
      await forgetKit();
      form.dataset.ocChecked = "yes";
      form.requestSubmit();
    })();
  }

  // --- Today's slot: what waits, and a way in while the connection is down ----------------------

  let lastSlot = "";
  async function renderSlot() {
    const slot = document.getElementById("offline-pending");
    if (!slot) return;
    const kit = readKit();
    const down = liveDown();
    const count = kit ? (await entriesOf(kit.owner).catch(() => [])).length : 0;
    const key = [kit && kit.owner, kit && kit.lang, down, count].join("|");
    if (key === lastSlot && slot.dataset.ocShown === key) return;
    lastSlot = slot.dataset.ocShown = key;
    if (!kit || (!down && !count)) {
      slot.replaceChildren();
      return;
    }
    slot.replaceChildren(h("div", { class: "oc-slot", lang: kit.lang },
      h("span", { class: "oc-slot-text" }, count ? text(kit, count === 1 ? "pending_one" : "pending_many", count)
                                                 : text(kit, "sheet_lead")),
      down ? h("button", { type: "button", class: "oc-slot-open", "data-oc-open": "yes" }, text(kit, "pending_show")) : null));
  }

  function synced(ids) {
    // Today's cards count what arrived (components/offline_capture.py): a click the live page handles.
    const refresh = document.getElementById("offline-synced");
    if (refresh) {
      refresh.dataset.ids = ids.join(" ");
      refresh.click();
    }
  }

  // Words just synced need care (issue 12): the writer alone sees the gentle card with the help lines.
  // The offline screen draws its own (offline.js, through onCare); on Today the live page opens the
  // app's card by submitting the ids (components/offline_capture.py), once its form is on the page.
  const careListeners = [];
  let careWaiting = null;
  let careAsked = false;
  function onCare(listener) {
    careListeners.push(listener);
  }

  function cared(care) {
    if (careListeners.length) {
      careListeners.forEach((listener) => { try { listener(care); } catch (e) { /* the card is a kindness, not a step */ } });
      return;
    }
    careWaiting = care.ids.slice();
    submitCare();
  }

  function submitCare() {
    const form = document.getElementById("offline-care");
    if (!careWaiting || !form || liveDown()) return;
    form.querySelector("[name=ids]").value = careWaiting.join(" ");
    careWaiting = null;
    careAsked = true;
    form.requestSubmit();
  }

  // The card answers no tap of the person's own, so bring it into view when the page draws it.
  function showCareCard() {
    const card = document.querySelector("#care-card");
    if (!card) return;
    careAsked = false;
    card.scrollIntoView({ block: "start", behavior: "smooth" });
  }

  // --- when to sync ----------------------------------------------------------------------------

  let wasDown = null;
  function watchConnection() {
    const down = liveDown();
    const slot = document.getElementById("offline-pending");
    if (slot && !slot.dataset.ocShown) renderSlot(); // Today's slot has just been drawn
    if (careWaiting) submitCare();
    if (careAsked) showCareCard();
    if (down === wasDown) return;
    wasDown = down;
    renderSlot();
    if (!down) sync();
  }

  function start() {
    wasDown = liveDown();
    loadKit().then(refreshKit).then((kit) => { if (kit) sync(); }).catch(() => null).finally(renderSlot);
    new MutationObserver(watchConnection).observe(document.documentElement, {
      childList: true, subtree: true, attributes: true, attributeFilter: ["data-live"],
    });
    window.addEventListener("online", () => { wasDown = null; watchConnection(); sync(); });
    window.addEventListener("offline", watchConnection);
    document.addEventListener("visibilitychange", () => { if (!document.hidden && !liveDown()) sync(); });
  }

  window.ResilienceOffline = { loadKit, readKit, panel, entriesOf, sync, text, onCare };
  if (!document.documentElement.hasAttribute("data-offline-screen")) {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
    else start();
  }
})();
