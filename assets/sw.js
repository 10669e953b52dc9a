/* 心韧 · Resilience — service worker (hand-written, no libraries). */
"use strict";

// Bump VERSION whenever PRECACHE_URLS or this file's logic changes.
const VERSION = "v2";
const PRECACHE = `resilience-precache-${VERSION}`;
const RUNTIME = `resilience-runtime-${VERSION}`;
const RUNTIME_MAX_ENTRIES = 60;

// The offline fallback plus the small files the browser asks for on every launch.
const PRECACHE_URLS = [
  "/offline.html",
  // The offline screen's own files: it checks in from the kit kept on the phone (offline_capture.js).
  "/offline.js",
  "/offline_capture.js",
  "/offline.css",
  "/app.css",
  "/manifest.webmanifest",
  "/favicon.ico",
  "/icons/icon.svg",
  "/icons/icon-192.png",
  "/icons/icon-512.png",
  "/icons/maskable-512.png",
  "/icons/apple-touch-icon.png",
];

// Live server routes (websocket, uploads, health, auth, API) must always hit the network.
const BYPASS_PREFIXES = [
  "/_event", "/_upload", "/ping", "/_health", "/healthz", "/_all_routes",
  "/auth/", "/auth-codespace", "/api/",
];

// Static files worth keeping (icons, images, fonts, manifest); other GETs such as route data pass through.
const STATIC_FILE = /\.(?:png|jpe?g|webp|gif|svg|ico|webmanifest|woff2?|ttf)$/i;

self.addEventListener("install", (event) => {
  // cache: "reload" so the precache never captures a stale HTTP-cached copy.
  event.waitUntil(
    caches.open(PRECACHE)
      .then((cache) => cache.addAll(PRECACHE_URLS.map((u) => new Request(u, { cache: "reload" }))))
      .then(() => self.skipWaiting())
  );
});

self.addEventListener("activate", (event) => {
  // Drop caches from older versions so storage does not grow across releases.
  const keep = new Set([PRECACHE, RUNTIME]);
  event.waitUntil(
    caches.keys()
      .then((names) => Promise.all(names.filter((n) => n.startsWith("resilience-") && !keep.has(n)).map((n) => caches.delete(n))))
      .then(() => self.clients.claim())
  );
});

self.addEventListener("fetch", (event) => {
  const { request } = event;
  // Only plain same-origin GETs; everything else goes straight to the network.
  if (request.method !== "GET" || request.headers.has("range")) return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (BYPASS_PREFIXES.some((p) => url.pathname.startsWith(p))) return;

  if (request.mode === "navigate") {
    event.respondWith(networkFirstPage(request));
  } else if (url.pathname.startsWith("/assets/")) {
    event.respondWith(cacheFirst(request, event));
  } else if (STATIC_FILE.test(url.pathname)) {
    event.respondWith(staleWhileRevalidate(request, event));
  } else if (PRECACHE_URLS.includes(url.pathname)) {
    event.respondWith(networkFirstFile(request, event));
  }
});

// The offline screen's scripts and styles: fresh from the server when it answers (and kept for
// next time), from the precache when it does not.
async function networkFirstFile(request, event) {
  try {
    const response = await fetch(request);
    if (isCacheable(response)) {
      const copy = response.clone();
      event.waitUntil(caches.open(PRECACHE).then((c) => c.put(new URL(request.url).pathname, copy)));
    }
    return response;
  } catch (err) {
    return (await caches.match(new URL(request.url).pathname)) || Response.error();
  }
}

// Pages need the live server anyway, so try it first and show the calm offline page if it is unreachable.
async function networkFirstPage(request) {
  try {
    return await fetch(request);
  } catch (err) {
    const fallback = await caches.match("/offline.html");
    return fallback || Response.error();
  }
}

// Build files under /assets/ are content-hashed and never change, so a cached copy is always right.
async function cacheFirst(request, event) {
  const cached = await caches.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (isCacheable(response)) {
    const copy = response.clone();
    event.waitUntil(caches.open(RUNTIME).then((c) => c.put(request, copy)).then(trimRuntime));
  }
  return response;
}

// Icons, manifest and favicon: answer instantly from cache, refresh in the background for next time.
async function staleWhileRevalidate(request, event) {
  const cached = await caches.match(request);
  const precached = PRECACHE_URLS.includes(new URL(request.url).pathname);
  const refresh = fetch(request).then(async (response) => {
    if (isCacheable(response)) {
      const cache = await caches.open(precached ? PRECACHE : RUNTIME);
      await cache.put(request, response.clone());
      if (!precached) await trimRuntime();
    }
    return response;
  });
  if (cached) {
    event.waitUntil(refresh.catch(() => undefined)); // offline refresh failures are expected
    return cached;
  }
  return refresh;
}

// Opaque, partial or error responses must never be stored as if they were good.
function isCacheable(response) {
  return response && response.status === 200 && response.type === "basic";
}

// Keep the runtime cache bounded: Cache keys come back in insertion order, so drop from the front.
async function trimRuntime() {
  const cache = await caches.open(RUNTIME);
  const keys = await cache.keys();
  for (let i = 0; i < keys.length - RUNTIME_MAX_ENTRIES; i++) {
    await cache.delete(keys[i]);
  }
}

// Reminders (issue 15): a push carries {title, body, url, tag} in the user's language, never an entry's text.
self.addEventListener("push", (event) => {
  let message = {};
  try {
    message = event.data ? event.data.json() : {};
  } catch (err) {
    message = {};
  }
  const title = message.title || "心韧 · Resilience";
  event.waitUntil(self.registration.showNotification(title, {
    body: message.body || "",
    tag: message.tag || "resilience-reminder",
    icon: "/icons/icon-192.png",
    badge: "/icons/icon-192.png",
    data: { url: typeof message.url === "string" && message.url.startsWith("/") ? message.url : "/" },
  }));
});

// A tap on the notification opens the app where the reminder points (an open window is reused).
self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const target = new URL((event.notification.data && event.notification.data.url) || "/", self.location.origin);
  event.waitUntil(
    self.clients.matchAll({ type: "window", includeUncontrolled: true }).then((windows) => {
      for (const client of windows) {
        if (new URL(client.url).origin === target.origin && "focus" in client) {
          return client.focus().then((focused) => (focused && "navigate" in focused ? focused.navigate(target.href) : focused));
        }
      }
      return self.clients.openWindow(target.href);
    })
  );
});
