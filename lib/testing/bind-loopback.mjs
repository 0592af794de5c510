// Preload (node --import) for a test server that listens on every interface by default: a listen() on a
// bare port binds 127.0.0.1 instead. Pipes and explicit { host } options are left as they are.
import net from "node:net";

const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (...args) {
  const [port] = args;
  if (typeof port === "number" || (typeof port === "string" && /^\d+$/.test(port)))
    return listen.call(this, { port: Number(port), host: "127.0.0.1" }, ...args.filter((a) => typeof a === "function"));
  return listen.apply(this, args);
};
