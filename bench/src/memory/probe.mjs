// Preloaded (`node --expose-gc --import <this file> <server entry>`) into a server measured
// by the memory case. Answers `{ type: 'memory', id }` over the IPC channel with
// process.memoryUsage() taken after full garbage collections; the server itself is
// started unchanged by its own entry file.
if (process.send && typeof globalThis.gc === 'function') {
  const gc = globalThis.gc;
  process.on('message', async (message) => {
    if (message?.type !== 'memory') return;
    // Several passes with a turn of the event loop between them, so finalizers and
    // weak references released by one pass are collected by the next.
    for (let pass = 0; pass < 4; pass++) {
      gc();
      await new Promise((resolve) => setImmediate(resolve));
    }
    process.send({ type: 'memory', id: message.id, usage: process.memoryUsage() });
  });
  // The channel must not keep a server alive that would otherwise exit.
  process.channel?.unref();
}
