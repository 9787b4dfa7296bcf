/* global self, URL */
/* Web push in the service worker (imported by Workbox's generated sw.js, see vite.config.ts).
 * The server sends { title, body, url, tag? } (server/src/push/push-subscription.rules.ts); a
 * tap opens `url`, a path of this app (the meter's readings screen), in an open window if any;
 * a message with the tag of a shown one replaces it (a reminder sent again is seen once). */
self.addEventListener("push", (event) => {
  let message = {};
  try {
    message = event.data ? event.data.json() : {};
  } catch {
    message = { body: event.data ? event.data.text() : "" };
  }
  const url = typeof message.url === "string" && /^\/(?!\/)/.test(message.url) ? message.url : "/";
  event.waitUntil(
    self.registration.showNotification(message.title || "Газ", {
      body: message.body || "",
      icon: "/icons/icon-192.png",
      badge: "/icons/icon-192.png",
      data: { url },
      ...(typeof message.tag === "string" ? { tag: message.tag } : {}),
    }),
  );
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const target = new URL(event.notification.data?.url || "/", self.location.origin).href;
  event.waitUntil(
    self.clients.matchAll({ type: "window", includeUncontrolled: true }).then((windows) => {
      const open = windows.find((client) => new URL(client.url).origin === self.location.origin);
      if (open) {
        return open
          .focus()
          .then((client) => client.navigate(target))
          .catch(() => self.clients.openWindow(target));
      }
      return self.clients.openWindow(target);
    }),
  );
});
