/**
 * When started by `npm start`, a process also stops if the supervisor itself disappears (killed hard),
 * so nothing is ever left running. The supervisor passes its pid in SHEQU_PARENT_PID.
 */
export function stopWhenParentExits(stop: () => void, env: NodeJS.ProcessEnv = process.env): void {
  const parent = Number(env.SHEQU_PARENT_PID);
  if (!Number.isInteger(parent) || parent <= 0) return;
  const timer = setInterval(() => {
    try {
      process.kill(parent, 0);
    } catch {
      clearInterval(timer);
      stop();
    }
  }, 2_000);
  timer.unref();
}
