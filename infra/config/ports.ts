import { z } from "zod";

/**
 * A port name as Kubernetes takes it (an IANA service name): 1-15 lower-case letters, digits and single '-',
 * with at least one letter, not starting or ending with '-'.
 */
export const portName = z
    .string()
    .regex(/^(?=.{1,15}$)(?=[a-z0-9-]*[a-z])[a-z0-9]+(-[a-z0-9]+)*$/, "must be a port name: 1-15 lower-case letters, digits and single '-', with at least one letter");

export const portNumber = z.int().min(1).max(65535);
