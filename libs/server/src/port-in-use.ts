/** Thrown when a port is taken; names the port and the variable that sets it. */
export class PortInUseError extends Error {
  constructor(
    readonly port: number,
    readonly variable: string | undefined,
  ) {
    super(
      `port ${port} is already in use` +
        (variable ? ` (set ${variable} to another port, e.g. ${variable}=${port + 100})` : '') +
        ': is another Shequ Graph, or another program, running?',
    );
    this.name = 'PortInUseError';
  }
}
