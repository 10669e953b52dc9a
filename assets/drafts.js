// Nothing typed is lost: any field marked data-draft="key" is copied to localStorage as it is
// typed (no server round trip, so it survives a dropped connection, a reload or a closed tab),
// put back when the field appears again, and forgotten once the app confirms it was saved.
// On a shared phone nobody reads another's words: signing out forgets every draft on the device,
// and a page signed in as someone else forgets every draft but theirs.
(function () {
  var PREFIX = "resilience-draft:";

  function setValue(field, value) {
    var proto = field.tagName === "TEXTAREA" ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
    Object.getOwnPropertyDescriptor(proto, "value").set.call(field, value);
    field.dispatchEvent(new Event("input", { bubbles: true }));
  }

  function restore(field) {
    if (field.dataset.draftRestored === field.dataset.draft) return;
    field.dataset.draftRestored = field.dataset.draft;
    var saved = localStorage.getItem(PREFIX + field.dataset.draft);
    if (saved && !field.value) setValue(field, saved);
  }

  document.addEventListener("input", function (event) {
    var field = event.target;
    if (!field || !field.dataset || !field.dataset.draft) return;
    if (field.value) localStorage.setItem(PREFIX + field.dataset.draft, field.value);
    else localStorage.removeItem(PREFIX + field.dataset.draft);
  }, true);

  // What each draft field held when its form was sent. A save's receipt can arrive after the
  // user has started the next entry (a slow link, a goal waiting on a suggestion): words typed
  // since the form was sent are a new draft, and stay.
  var sent = {};
  document.addEventListener("submit", function (event) {
    event.target.querySelectorAll("[data-draft]").forEach(function (field) {
      sent[field.dataset.draft] = field.value;
    });
  }, true);

  function forget(key) {
    var wasSent = Object.prototype.hasOwnProperty.call(sent, key) ? sent[key] : null;
    delete sent[key];
    function newer(value) { return wasSent !== null && !!value && value !== wasSent; }
    if (!newer(localStorage.getItem(PREFIX + key))) localStorage.removeItem(PREFIX + key);
    document.querySelectorAll('[data-draft="' + key + '"]').forEach(function (field) {
      if (!newer(field.value)) setValue(field, "");
    });
  }

  function draftKeys() {
    var keys = [];
    for (var i = 0; i < localStorage.length; i++) {
      var key = localStorage.key(i);
      if (key && key.indexOf(PREFIX) === 0) keys.push(key);
    }
    return keys;
  }

  // Keys end in ":" + username (components/drafts.py).
  function forgetOthers(user) {
    draftKeys().forEach(function (key) {
      if (key.slice(key.lastIndexOf(":") + 1) !== user) localStorage.removeItem(key);
    });
  }

  // Receipts ("id/key") of entries the server stored (state/drafts.py). The ids handled live as
  // long as the tab's server state does (sessionStorage), so a reload never forgets a newer draft.
  var HANDLED = "resilience-drafts-handled";
  function forgetStored(receipts) {
    var handled;
    try { handled = JSON.parse(sessionStorage.getItem(HANDLED) || "[]"); } catch (e) { handled = []; }
    receipts.split(" ").forEach(function (receipt) {
      var slash = receipt.indexOf("/");
      if (slash < 1 || handled.indexOf(receipt.slice(0, slash)) >= 0) return;
      handled.push(receipt.slice(0, slash));
      forget(receipt.slice(slash + 1));
    });
    try { sessionStorage.setItem(HANDLED, JSON.stringify(handled.slice(-32))); } catch (e) { /* private mode */ }
  }

  var seenUser = "", seenReceipts = "";
  function readMarker() {
    var marker = document.getElementById("drafts-marker");
    if (!marker) return;
    var user = marker.dataset.draftsUser || "", receipts = marker.dataset.draftsStored || "";
    if (user && user !== seenUser) forgetOthers(user);
    if (receipts && receipts !== seenReceipts) forgetStored(receipts);
    seenUser = user;
    seenReceipts = receipts;
  }

  function scan() {
    readMarker();
    document.querySelectorAll("[data-draft]").forEach(restore);
  }
  // React commits many small changes while a page hydrates and fills in: one scan a frame is enough.
  var scanQueued = false;
  function scanSoon() {
    if (scanQueued) return;
    scanQueued = true;
    requestAnimationFrame(function () { scanQueued = false; scan(); });
  }
  new MutationObserver(scanSoon).observe(document.documentElement, {
    childList: true, subtree: true, attributes: true,
    attributeFilter: ["data-draft", "data-drafts-user", "data-drafts-stored"],
  });
  document.addEventListener("DOMContentLoaded", scan);

  // A form posted before the page's live connection answered still sends this browser's
  // language and time zone (the same rule as the server: English only if it comes first),
  // and the sign-in form where the user was going.
  document.addEventListener("submit", function (event) {
    if (event.target.hasAttribute("data-sign-out")) {
      draftKeys().forEach(function (key) { localStorage.removeItem(key); });
      return;
    }
    event.target.querySelectorAll("input[data-browser-fill]").forEach(function (input) {
      if (input.value) return;
      if (input.dataset.browserFill === "next") {
        // Where the user was going, straight from the address bar (the server checks it).
        input.value = new URLSearchParams(location.search).get("next") || "";
      } else if (input.dataset.browserFill === "time_zone") {
        input.value = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
      } else {
        var chosen = localStorage.getItem("resilience_lang");
        input.value = chosen === "en" || chosen === "zh-CN" ? chosen
          : (navigator.language || "").toLowerCase().indexOf("en") === 0 ? "en" : "zh-CN";
      }
    });
  }, true);
})();
