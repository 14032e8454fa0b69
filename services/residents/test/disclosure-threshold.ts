/** Runs `action` with the disclosure threshold set to `threshold` (read at each query). */
export async function withThreshold<T>(threshold: string, action: () => Promise<T>): Promise<T> {
  const before = process.env.SHEQU_DISCLOSURE_THRESHOLD;
  process.env.SHEQU_DISCLOSURE_THRESHOLD = threshold;
  try {
    return await action();
  } finally {
    if (before === undefined) delete process.env.SHEQU_DISCLOSURE_THRESHOLD;
    else process.env.SHEQU_DISCLOSURE_THRESHOLD = before;
  }
}
