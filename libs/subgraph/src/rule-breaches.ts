/**
 * What a service's rule audit (`<service>RuleViolations`: every rule of the API re-checked over what is stored,
 * whatever wrote it) collects: one line per breach, `what: why`. `check` runs a rule as the application layer runs
 * it — a domain function that throws its refusal — and keeps the refusal's message; `problems` takes lines the audit
 * writes itself.
 */
export interface RuleBreaches {
  readonly problems: string[];
  readonly check: (what: string, rule: () => void) => void;
}

export function ruleBreaches(): RuleBreaches {
  const problems: string[] = [];
  return {
    problems,
    check: (what, rule) => {
      try {
        rule();
      } catch (error) {
        problems.push(`${what}: ${error instanceof Error ? error.message : String(error)}`);
      }
    },
  };
}
