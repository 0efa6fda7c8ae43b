/** A DNS-1123 label, what Kubernetes requires of a namespace's name (and a Service's): 1-63 of [a-z0-9-], alphanumeric at both ends. */
export const dnsLabelPattern = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
