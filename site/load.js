// Starts relegator's WebAssembly program. Every path is relative, so the
// page works under any sub-path of its host.
"use strict";

(function () {
  let resolveReady, rejectReady;
  // relegatorReady resolves to window.relegator once the program runs.
  window.relegatorReady = new Promise(function (resolve, reject) {
    resolveReady = resolve;
    rejectReady = reject;
  });
  // A failure is shown in the page; without this handler a page that never
  // awaits relegatorReady would also log an unhandled rejection.
  window.relegatorReady.catch(function () {});
  // The Go program calls relegatorStarted with its raw methods, which
  // return {value} or {error} because Go cannot throw into JavaScript.
  // window.relegator wraps them so that an error is thrown as an Error.
  window.relegatorStarted = function (raw) {
    const api = {};
    for (const name of Object.keys(raw)) {
      api[name] = function () {
        const result = raw[name].apply(null, arguments);
        if (result.error !== undefined) {
          throw new Error(result.error);
        }
        return result.value;
      };
    }
    window.relegator = Object.freeze(api);
    resolveReady(api);
  };

  function showFailure(text) {
    let note = document.getElementById("loading");
    if (!note) {
      note = document.createElement("p");
      note.id = "loading";
      document.body.prepend(note);
    }
    note.className = "failed";
    note.textContent = text;
    rejectReady(new Error(text));
  }

  async function instantiate(go) {
    const url = "main.wasm";
    if (WebAssembly.instantiateStreaming) {
      try {
        return await WebAssembly.instantiateStreaming(fetch(url), go.importObject);
      } catch (err) {
        // A server that sends main.wasm without the application/wasm type
        // fails here; read the bytes instead.
        console.warn("relegator: streaming compile failed, retrying: " + err.message);
      }
    }
    const response = await fetch(url);
    if (!response.ok) {
      throw new Error("fetching " + url + " failed: HTTP " + response.status);
    }
    const bytes = await response.arrayBuffer();
    return WebAssembly.instantiate(bytes, go.importObject);
  }

  async function start() {
    if (typeof WebAssembly !== "object" || typeof Go !== "function") {
      showFailure("This browser cannot run WebAssembly (or wasm_exec.js is " +
        "missing), so the classifier cannot start.");
      return;
    }
    const go = new Go();
    let result;
    try {
      result = await instantiate(go);
    } catch (err) {
      showFailure("Loading the WebAssembly program failed: " + err.message);
      return;
    }
    await go.run(result.instance);
    showFailure("The classifier stopped unexpectedly; reload the page.");
  }

  start();
})();
