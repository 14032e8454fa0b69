import { DomainError } from '@shequ/errors';

/**
 * What a service's rule audit (`<service>RuleViolations`: every rule of the API re-checked over what is stored,
 * whatever wrote it) collects: one line per breach, `what: why`, where `what` names the record by its id and `why`
 * the rule — never a personal value (a birth date, an age, a gender, a name, an ID number, a phone, an address, a
 * care category, a free text): the lines are printed in test reports and are meant for logs and metrics, which are
 * not audited read paths.
 * `check` runs a rule as the application layer runs it — a domain function that throws its refusal — and keeps the
 * rule's name and the refused field, not the refusal's message (written for a caller, it may name the person's
 * values); `problems` takes lines the audit writes itself, which name no value of a person either.
 */
export interface RuleBreaches {
  readonly problems: string[];
  readonly check: (what: string, rule: string, run: () => void) => void;
}

/** The line of a refused rule: the record, the rule, the field the refusal named (a field name, never its value). */
export function ruleBreachLine(what: string, rule: string, error: unknown): string {
  const field = error instanceof DomainError ? error.details.field : undefined;
  return `${what}: 不符合规则「${rule}」${typeof field === 'string' ? `（${field}）` : ''}`;
}

export function ruleBreaches(): RuleBreaches {
  const problems: string[] = [];
  return {
    problems,
    check: (what, rule, run) => {
      try {
        run();
      } catch (error) {
        problems.push(ruleBreachLine(what, rule, error));
      }
    },
  };
}
