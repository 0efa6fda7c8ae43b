import { distance } from "fastest-levenshtein";

/** The candidate closest to a mistyped key, if it is close enough to be the likely intent. */
export function closest(word: string, candidates: string[]): string | undefined {
    const limit = Math.max(2, Math.floor(word.length / 3));
    let best: { candidate: string; d: number } | undefined;
    for (const candidate of candidates) {
        const d = distance(word.toLowerCase(), candidate.toLowerCase());
        if (d <= limit && (!best || d < best.d)) best = { candidate, d };
    }
    return best?.candidate;
}
