// Enterprise size by the national classification (国家统计局《统计上大中小微型企业划分办法（2017）》,
// after 工信部联企业〔2011〕300号): per industry section, the lower bounds of employees and
// operating revenue for large, medium and small firms. Large, medium and small must reach both
// bounds (else they drop a class); a firm below either small bound is micro. Sections measured by
// one figure leave the other bound out. Pure.
export type EnterpriseSize = 'large' | 'medium' | 'small' | 'micro';

interface Bound {
  employees?: number;
  /** 万元 */
  revenue?: number;
}

type Table = { large: Bound; medium: Bound; small: Bound };

/** Section (GB/T 4754 门类) → bounds; `other` for sections the classification does not list. */
export const SIZE_TABLE: Record<string, Table> = {
  A: { large: { revenue: 20000 }, medium: { revenue: 500 }, small: { revenue: 50 } },
  B: { large: { employees: 1000, revenue: 40000 }, medium: { employees: 300, revenue: 2000 }, small: { employees: 20, revenue: 300 } },
  C: { large: { employees: 1000, revenue: 40000 }, medium: { employees: 300, revenue: 2000 }, small: { employees: 20, revenue: 300 } },
  D: { large: { employees: 1000, revenue: 40000 }, medium: { employees: 300, revenue: 2000 }, small: { employees: 20, revenue: 300 } },
  E: { large: { revenue: 80000 }, medium: { revenue: 6000 }, small: { revenue: 300 } },
  F: { large: { employees: 300, revenue: 20000 }, medium: { employees: 50, revenue: 500 }, small: { employees: 10, revenue: 100 } },
  G: { large: { employees: 1000, revenue: 30000 }, medium: { employees: 300, revenue: 3000 }, small: { employees: 20, revenue: 200 } },
  H: { large: { employees: 300, revenue: 10000 }, medium: { employees: 100, revenue: 2000 }, small: { employees: 10, revenue: 100 } },
  I: { large: { employees: 300, revenue: 10000 }, medium: { employees: 100, revenue: 1000 }, small: { employees: 10, revenue: 50 } },
  K: { large: { revenue: 200000 }, medium: { revenue: 1000 }, small: { revenue: 100 } },
  other: { large: { employees: 300 }, medium: { employees: 100 }, small: { employees: 10 } },
};

function reaches(b: Bound, employees: number | undefined, revenueWan: number | undefined): boolean | undefined {
  const checks: Array<boolean | undefined> = [];
  if (b.employees !== undefined) checks.push(employees === undefined ? undefined : employees >= b.employees);
  if (b.revenue !== undefined) checks.push(revenueWan === undefined ? undefined : revenueWan >= b.revenue);
  if (checks.some((c) => c === false)) return false;
  if (checks.some((c) => c === undefined)) return undefined;
  return true;
}

/** The size class, or undefined when the figures the section needs are not known. */
export function classifyEnterprise({ section, employees, revenue }: { section?: string; employees?: number; revenue?: number }): EnterpriseSize | undefined {
  const table = SIZE_TABLE[section ?? 'other'] ?? SIZE_TABLE.other!;
  const wan = revenue === undefined ? undefined : revenue / 10_000;
  for (const size of ['large', 'medium', 'small'] as const) {
    const r = reaches(table[size], employees, wan);
    if (r === undefined) return undefined;
    if (r) return size;
  }
  return 'micro';
}
