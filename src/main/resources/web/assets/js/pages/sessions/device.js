// A readable summary of a user agent ("Chrome on Windows", "curl"): enough for a person to recognise a device, not a
// parser of every browser; the full string stays in the row's title.

const BROWSERS = [
  [/Edg(e|A|iOS)?\//, 'Edge'],
  [/OPR\/|Opera/, 'Opera'],
  [/Firefox\/|FxiOS\//, 'Firefox'],
  [/HeadlessChrome\//, 'Headless Chrome'],
  [/Chrome\/|CriOS\//, 'Chrome'],
  [/Version\/[\d.]+.*Safari\//, 'Safari'],
  [/^curl\//, 'curl'],
  [/^python-requests\/|^Python-urllib\//, 'Python'],
  [/^Java\/|Java-http-client/, 'Java'],
  [/^claribi-cli\//i, 'clariBI CLI'],
];

const SYSTEMS = [
  [/iPhone|iPad|iPod/, 'iOS'],
  [/Android/, 'Android'],
  [/CrOS/, 'ChromeOS'],
  [/Windows/, 'Windows'],
  [/Mac OS X|Macintosh/, 'macOS'],
  [/Linux/, 'Linux'],
];

const first = (table, agent) => (table.find(([pattern]) => pattern.test(agent)) || [])[1];

/** "Firefox on Linux", "Safari on iOS", "curl", or the start of an unknown agent; "Unknown device" without one. */
export function deviceSummary(agent) {
  if (!agent) return 'Unknown device';
  const browser = first(BROWSERS, agent);
  const system = first(SYSTEMS, agent);
  if (browser && system) return `${browser} on ${system}`;
  if (browser) return browser;
  if (system) return `A browser on ${system}`;
  return agent.length > 40 ? `${agent.slice(0, 40)}…` : agent;
}
