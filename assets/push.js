// Web Push on this phone (issue 15): Me → Reminders shows whether this browser gets notifications and
// turns them on or off. The page renders every status line hidden (#push-controls [data-push-show]);
// this script shows the one that is true. The subscription goes to /api/push/subscribe with the
// X-Resilience-Push header, which no other site can send. Signing out unsubscribes this browser.
(function () {
  "use strict";
  var HEADER = { "Content-Type": "application/json", "X-Resilience-Push": "1" };

  function supported() {
    return "serviceWorker" in navigator && "PushManager" in window && "Notification" in window;
  }

  function show(box, status) {
    box.setAttribute("data-push", status);
    var items = box.querySelectorAll("[data-push-show]");
    for (var i = 0; i < items.length; i++) {
      var wanted = items[i].getAttribute("data-push-show").split(" ");
      items[i].hidden = wanted.indexOf(status) < 0;
    }
  }

  function keyBytes(base64url) {
    var text = (base64url + "===".slice((base64url.length + 3) % 4)).replace(/-/g, "+").replace(/_/g, "/");
    var raw = atob(text), bytes = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
    return bytes;
  }

  function post(path, body, keepalive) {
    return fetch(path, { method: "POST", headers: HEADER, credentials: "same-origin",
                         body: JSON.stringify(body), keepalive: !!keepalive });
  }

  function current() {
    return navigator.serviceWorker.ready.then(function (registration) {
      return registration.pushManager.getSubscription().then(function (subscription) {
        return { registration: registration, subscription: subscription };
      });
    });
  }

  function refresh(box) {
    if (!supported()) return show(box, "unsupported");
    if (Notification.permission === "denied") return show(box, "denied");
    current().then(function (found) { show(box, found.subscription ? "on" : "off"); },
                   function () { show(box, "unsupported"); });
  }

  function turnOn(box) {
    show(box, "working");
    Notification.requestPermission().then(function (permission) {
      if (permission !== "granted") return show(box, permission === "denied" ? "denied" : "off");
      return current().then(function (found) {
        return found.subscription || found.registration.pushManager.subscribe({
          userVisibleOnly: true, applicationServerKey: keyBytes(box.getAttribute("data-vapid-key") || ""),
        });
      }).then(function (subscription) {
        return post("/api/push/subscribe", subscription.toJSON()).then(function (response) {
          if (!response.ok) throw new Error("refused");
          show(box, "on");
        });
      });
    }).catch(function () { show(box, "failed"); });
  }

  function turnOff(box) {
    show(box, "working");
    current().then(function (found) {
      if (!found.subscription) return show(box, "off");
      var endpoint = found.subscription.endpoint;
      return found.subscription.unsubscribe().then(function () {
        return post("/api/push/unsubscribe", { endpoint: endpoint });
      }).then(function () { show(box, "off"); });
    }).catch(function () { refresh(box); });
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("#push-turn-on, #push-turn-off");
    var box = document.getElementById("push-controls");
    if (!button || !box) return;
    if (button.id === "push-turn-on") turnOn(box); else turnOff(box);
  });

  // Signing out: this browser stops getting the account's reminders (a shared phone).
  document.addEventListener("submit", function (event) {
    if (!event.target.matches || !event.target.matches("[data-sign-out]") || !supported()) return;
    current().then(function (found) {
      if (!found.subscription) return;
      var endpoint = found.subscription.endpoint;
      post("/api/push/unsubscribe", { endpoint: endpoint }, true).catch(function () {});
      found.subscription.unsubscribe().catch(function () {});
    }).catch(function () {});
  }, true);

  // Me is reached by client-side navigation too: look for the controls whenever the page changes.
  function watch() {
    var box = document.getElementById("push-controls");
    if (box && !box.hasAttribute("data-push")) refresh(box);
  }
  new MutationObserver(watch).observe(document.documentElement, { childList: true, subtree: true });
  watch();
})();
