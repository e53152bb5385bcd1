import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ReportFileError, readReportFile, readThresholds, writeBaselineJson, writeReportFiles } from '../../src/eval/report-files.js';
import { slimReport } from '../../src/eval/run-eval.js';
import { fakeReport } from '../fakes/eval-report.js';

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));
const tmp = () => (dir = mkdtempSync(join(tmpdir(), 'eval-files-')));

describe('report files', () => {
  it('writes report.json, report.md and report.html; the JSON reads back', async () => {
    const d = tmp();
    const files = writeReportFiles(d, await fakeReport());
    expect(files.map((f) => f.slice(d.length + 1))).toEqual(['report.json', 'report.md', 'report.html']);
    const back = readReportFile(files[0]!);
    expect(back.cases).toHaveLength(8);
    expect(back.metrics['citations.precision']).toBe(0.75);
  });

  it('writes the slim baseline with one case per line and reads it back', async () => {
    const d = tmp();
    const path = join(d, 'baseline', 'report.json');
    writeBaselineJson(path, slimReport(await fakeReport()));
    const text = readFileSync(path, 'utf8');
    expect(text).toContain('\n    {"id":"q2","type":"answerable","passed":false,"reasons":["引用了不应引用的条款：wzzb-2024-11:5"],"refs":["wzzb-2024-11:39","wzzb-2024-11:5"]},\n');
    expect(JSON.parse(text).slim).toBe(true);
    expect(readReportFile(path).cases.map((c) => c.passed)).toEqual([true, false, false, true, false, true, true, false]);
  });

  it('rejects missing or malformed report and thresholds files with Chinese messages', () => {
    const d = tmp();
    expect(() => readReportFile(join(d, 'none.json'))).toThrow(ReportFileError);
    writeFileSync(join(d, 'bad.json'), '{"metrics":{},"cases":[{"id":1}]}');
    expect(() => readReportFile(join(d, 'bad.json'))).toThrow(/报告文件 .* 格式不对：cases\.0\.id/);
    writeFileSync(join(d, 't.json'), '{"min":{"citations.precison":0.9}}');
    expect(() => readThresholds(join(d, 't.json'))).toThrow(/门槛文件 .* 格式不对/);
    expect(readThresholds('evals/thresholds.json').max['matching.mustNotViolations']).toBe(0);
  });
});
