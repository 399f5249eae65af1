#!/usr/bin/env node
// Reads `npm audit --omit=dev --json` on stdin (issue 21). A report (npm's audit-report toJSON:
// auditReportVersion 2, metadata.vulnerabilities by severity) with high or critical findings in production
// dependencies fails (exit 1) and names them. No report (registry unreachable, or an audit endpoint that
// answers an error such as 405) is said in one plain line and does not fail: nothing was checked.
'use strict';

function verdict(text) {
  let json = null;
  try {
    json = JSON.parse(text);
  } catch {
    json = null;
  }
  if (!json || json.auditReportVersion === undefined || !json.metadata || !json.metadata.vulnerabilities) {
    const why = (json && (json.message || (json.error && json.error.summary))) || 'no answer';
    return {
      code: 0,
      lines: [
        `npm audit: not run, the registry's audit endpoint did not answer (${String(why).slice(0, 200)}); production dependencies were not checked.`,
      ],
    };
  }
  const counts = json.metadata.vulnerabilities;
  const serious = Object.entries(json.vulnerabilities || {})
    .filter(([, v]) => v && (v.severity === 'high' || v.severity === 'critical'))
    .map(([name, v]) => `  ${v.severity}: ${name} ${v.range || ''}`.trimEnd());
  const total = (counts.high || 0) + (counts.critical || 0);
  if (total > 0)
    return {
      code: 1,
      lines: [`npm audit: ${total} high or critical finding(s) in production dependencies:`, ...serious],
    };
  return {
    code: 0,
    lines: [`npm audit: no high or critical findings in production dependencies (${counts.total || 0} in all).`],
  };
}

module.exports = { verdict };

if (require.main === module) {
  let text = '';
  process.stdin.setEncoding('utf8');
  process.stdin.on('data', (c) => (text += c));
  process.stdin.on('end', () => {
    const v = verdict(text);
    for (const l of v.lines) console.log(l);
    process.exit(v.code);
  });
}
