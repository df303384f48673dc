const BPMN_NS = 'http://www.omg.org/spec/BPMN/20100524/MODEL';

/**
 * The key (id of the executable process) and name of a .bpmn file, read in the browser so the
 * library can say which process an import would replace; null when the file is not BPMN or has
 * no executable process.
 */
export function readProcessKey(xml: string): { key: string; name: string | null } | null {
  const document = new DOMParser().parseFromString(xml, 'application/xml');
  if (document.getElementsByTagName('parsererror').length > 0) return null;
  const processes = Array.from(document.getElementsByTagNameNS(BPMN_NS, 'process'));
  const executable = processes.find((p) => p.getAttribute('isExecutable') === 'true') ?? null;
  const id = executable?.getAttribute('id');
  return id ? { key: id, name: executable?.getAttribute('name') ?? null } : null;
}
