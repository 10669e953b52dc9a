// The offline screen (offline.html, served by sw.js when the app can't be reached): breathing,
// capture from the kit kept on this phone, and a probe that goes back to the app once it answers.
(function () {
  var T = {
    zh: {
      doc: "离线 · 心韧", status: "离线中", title: "先停一停，慢慢呼吸",
      lead: "现在没有网络。\n你写下的内容都还在，连上网就能继续。",
      hint: "等网络的时候，跟着圆圈做一轮 4-7-8 呼吸", retry: "重试", retrying: "正在重新连接…",
      note: "应用能连上时，这个页面会自己回到应用。",
      inhale: "吸气", hold: "屏息", exhale: "呼气", sec: " 秒"
    },
    en: {
      doc: "Offline · Resilience", status: "Offline", title: "Pause here for a breath",
      lead: "You're offline.\nEverything you wrote is safe; you can pick up where you left off once you're back online.",
      hint: "While you wait, follow the circle for a round of 4-7-8 breathing", retry: "Try again", retrying: "Reconnecting…",
      note: "This page goes back to the app by itself as soon as it can be reached.",
      inhale: "Inhale", hold: "Hold", exhale: "Exhale", sec: "s"
    }
  };

  var kept = window.ResilienceOffline ? window.ResilienceOffline.loadKit() : Promise.resolve(null);
  kept.catch(function () { return null; }).then(show);

  function show(kit) {
    // The signed-in user's language from the kit kept on this phone (assets/offline_capture.js);
    // otherwise the app's rule: saved choice first, then the phone's language.
    var saved = null;
    try { saved = localStorage.getItem("resilience_lang"); } catch (e) {}
    var lang = kit ? (kit.lang === "en" ? "en" : "zh")
      : saved === "en" || (!saved && /^en/i.test(navigator.language || "")) ? "en" : "zh";
    var t = T[lang];
    var root = document.documentElement;
    root.lang = lang === "en" ? "en" : "zh-CN";
    root.setAttribute("data-lang", lang);
    document.title = t.doc;
    var nodes = document.querySelectorAll("[data-i18n]");
    for (var i = 0; i < nodes.length; i++) nodes[i].textContent = t[nodes[i].getAttribute("data-i18n")];
    // Whoever was signed in last can still check in, note a line or write a slip: it waits on this phone.
    if (kit) {
      window.ResilienceOffline.onCare(function (care) { showCare(kit, care); });
      var capture = document.getElementById("offline-capture");
      capture.append(window.ResilienceOffline.panel(kit, { focusWords: false }));
      capture.hidden = false;
      root.classList.add("has-kit");
      document.querySelector('[data-i18n="lead"]').textContent = window.ResilienceOffline.text(kit, "screen_lead");
    }
    var steps = document.querySelectorAll("[data-step]");
    for (var j = 0; j < steps.length; j++) steps[j].textContent = t[steps[j].getAttribute("data-step")];

    // 4-7-8 breathing: the label follows the same 19 s clock as the CSS animation.
    var PHASES = [["inhale", 4], ["hold", 7], ["exhale", 8]], CYCLE = 19;
    var stage = document.getElementById("stage"), disc = document.getElementById("disc");
    var phaseEl = document.getElementById("phase"), countEl = document.getElementById("count");
    var start = performance.now(), last = "";
    function elapsed() {
      // Read the CSS animation's own clock when it runs (ignore the glow transitions).
      var anims = disc.getAnimations ? disc.getAnimations() : [];
      for (var a = 0; a < anims.length; a++) {
        if (anims[a].animationName === "breathe" && anims[a].currentTime != null) return anims[a].currentTime / 1000;
      }
      return (performance.now() - start) / 1000;
    }
    function tick() {
      var s = elapsed() % CYCLE, p = 0;
      while (s >= PHASES[p][1]) { s -= PHASES[p][1]; p++; }
      var name = PHASES[p][0], left = Math.max(1, Math.ceil(PHASES[p][1] - s));
      var key = name + left;
      if (key === last) return;
      last = key;
      if (stage.getAttribute("data-phase") !== name) {
        stage.setAttribute("data-phase", name);
        phaseEl.textContent = t[name];
        for (var k = 0; k < steps.length; k++) steps[k].classList.toggle("on", steps[k].getAttribute("data-step") === name);
      }
      countEl.textContent = left + t.sec;
    }
    phaseEl.textContent = t.inhale;
    tick();
    setInterval(tick, 200);

    // Back to the app as soon as the server answers: probe it with backoff (1 s doubling, at most
    // 30 s apart), not waiting for the browser's "online" event, which never comes when only the
    // server was down. Retry (and "online") probe at once.
    var btn = document.getElementById("retry");
    var delay = 1000, timer = null, probing = false, held = false;
    function back(asked) {
      // The care card stays until the person puts it away or asks to go back: no reload snatches it.
      if (!asked && document.getElementById("care-card")) {
        held = true;
        return;
      }
      btn.setAttribute("aria-busy", "true");
      btn.querySelector("span").textContent = t.retrying;
      location.reload(); // the page the person was trying to open: the app syncs what waits
    }
    var asked = false;
    function probe() {
      if (probing) return;
      probing = true;
      clearTimeout(timer);
      fetch("/healthz", { cache: "no-store", credentials: "same-origin" })
        .then(function (response) { if (response.ok) back(asked); else throw new Error("status " + response.status); })
        .catch(function () {
          probing = false;
          timer = setTimeout(probe, delay);
          delay = Math.min(delay * 2, 30000);
        });
    }
    btn.addEventListener("click", function () {
      btn.setAttribute("aria-busy", "true");
      btn.querySelector("span").textContent = t.retrying;
      delay = 1000;
      asked = true;
      probing = false;
      probe();
      setTimeout(function () { btn.removeAttribute("aria-busy"); btn.querySelector("span").textContent = t.retry; }, 1200);
    });
    window.addEventListener("online", function () { delay = 1000; probe(); });
    timer = setTimeout(probe, delay);
    resume = function () { if (held) back(true); };
  }

  var resume = function () {};

  // The private care card (the app's components/care_card.py, drawn here from the kit): the help lines
  // from data/hotlines.json as the server sent them, in the user's language; "not now" leaves the same
  // mark on this phone as in the app, so the card stays away for the rest of the day.
  function showCare(kit, care) {
    var help = kit.help;
    if (!help || !help.lines || document.getElementById("care-card")) return;
    var urgent = care.severity === "acute";
    var words = help.text;
    function el(tag, attrs, children) {
      var node = document.createElement(tag);
      Object.keys(attrs || {}).forEach(function (name) { node.setAttribute(name, attrs[name]); });
      (children || []).forEach(function (child) {
        if (child) node.append(typeof child === "string" ? document.createTextNode(child) : child);
      });
      return node;
    }
    var lines = el("ul", { class: "oc-care-lines", "data-help-lines": urgent ? "urgent" : "calm" },
      help.lines.map(function (line) {
        return el("li", {}, [
          el("a", { href: "tel:" + line.number.replace(/-/g, ""), class: urgent ? "oc-care-call" : "oc-care-number" },
             [el("span", { class: "oc-care-digits" }, [line.number]), urgent ? el("span", {}, [line.name]) : null]),
          urgent ? null : el("span", { class: "oc-care-name" }, [line.name]),
          el("span", { class: "oc-muted" }, [line.hours]),
        ]);
      }));
    var body = el("p", {}, [words.body]);
    var notNow = el("button", { type: "button", class: "oc-primary oc-care-quiet", id: "care-not-now" }, [words.not_now]);
    var card = el("section", { id: "care-card", class: "oc-card oc-care", role: "region", "aria-label": words.title,
                               "data-severity": urgent ? "acute" : "concern", lang: kit.lang }, [
      el("h2", { tabindex: "-1" }, [words.title]),
      urgent ? el("p", { class: "oc-care-now", "data-help-now": "" }, [words.answer_now]) : null,
      urgent ? lines : body,
      urgent ? body : lines,
      el("p", { class: "oc-muted" }, [words.checked + " " + help.checked]),
      el("p", { class: "oc-muted" }, [words.private]),
      notNow,
      el("p", { class: "oc-muted oc-care-hint" }, [words.not_now_hint]),
    ]);
    notNow.addEventListener("click", function () {
      try { localStorage.setItem("resilience_quiet", care.quiet_mark || ""); } catch (e) { /* private mode */ }
      card.remove();
      resume();
    });
    var main = document.querySelector("main");
    main.insertBefore(card, main.firstChild);
    card.scrollIntoView({ block: "start" });
    card.querySelector("h2").focus({ preventScroll: true });
  }
})();
