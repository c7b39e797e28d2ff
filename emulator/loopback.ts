/** Whether a socket's remote address is a loopback address (127.0.0.0/8, ::1, mapped forms). */
import ipaddr from "ipaddr.js";

export function isLoopbackAddress(remote: string | undefined): boolean {
  if (!remote) return false;
  try {
    return ipaddr.process(remote).range() === "loopback";
  } catch {
    return false;
  }
}
