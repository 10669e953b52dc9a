// Nothing typed is lost: any field marked data-draft="key" is copied to localStorage as it is
// typed (no server round trip, so it survives a dropped connection, a reload or a closed tab),
// put back when the field appears again, and forgotten once the app confirms it was saved.
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

  function scan() {
    document.querySelectorAll("[data-draft]").forEach(restore);
  }
  new MutationObserver(scan).observe(document.documentElement, { childList: true, subtree: true, attributes: true, attributeFilter: ["data-draft"] });
  document.addEventListener("DOMContentLoaded", scan);

  // A form posted before the page's live connection answered still sends this browser's
  // language and time zone (the same rule as the server: English only if it comes first),
  // and the sign-in form where the user was going.
  document.addEventListener("submit", function (event) {
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

  // Called by the app (rx.call_script) once an entry is stored.
  window.resilienceClearDraft = function (key) {
    localStorage.removeItem(PREFIX + key);
    document.querySelectorAll('[data-draft="' + key + '"]').forEach(function (field) { setValue(field, ""); });
  };
})();
