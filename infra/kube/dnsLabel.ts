/** A DNS-1123 label, what Kubernetes requires of a namespace's name (and a Service's): 1-63 of [a-z0-9-], alphanumeric at both ends. */
export const dnsLabelPattern = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/** Whether a wildcard certificate `*.<domain>` covers `host`: exactly one label below the domain (RFC 6125, 6.4.3). */
export function coveredByWildcard(host: string, domain: string): boolean {
    const suffix = `.${domain}`;
    return host.endsWith(suffix) && host.length > suffix.length && !host.slice(0, -suffix.length).includes(".");
}
