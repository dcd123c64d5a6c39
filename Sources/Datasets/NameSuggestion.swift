/// "Did you mean …?" suggestions for misspelled names (keys, columns, criteria, methods).
public enum NameSuggestion {
    /// The candidate closest to `name`: one equal ignoring case, otherwise the one with the smallest
    /// edit distance if that distance is at most a third of the longer name (or 1) and less than
    /// its length (so `z` does not suggest `x`).
    ///
    ///     NameSuggestion.closest(to: "colour", among: ["color", "size"])   // "color"
    ///     NameSuggestion.closest(to: "z", among: ["x"])                    // nil
    ///
    /// - Returns: the first such candidate in `candidates` order, or `nil` when none is close enough.
    public static func closest(to name: String, among candidates: [String]) -> String? {
        let lowercased = name.lowercased()
        if let match = candidates.first(where: { $0.lowercased() == lowercased }) { return match }
        var best: (candidate: String, distance: Int)?
        for candidate in candidates {
            let distance = editDistance(Array(lowercased), Array(candidate.lowercased()))
            let longer = max(name.count, candidate.count)
            if distance <= max(1, longer / 3), distance < longer, distance < (best?.distance ?? Int.max) {
                best = (candidate, distance)
            }
        }
        return best?.candidate
    }

    /// Levenshtein distance (insertions, deletions and substitutions each cost 1).
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for (i, characterOfA) in a.enumerated() {
            current[0] = i + 1
            for (j, characterOfB) in b.enumerated() {
                let substitution = previous[j] + (characterOfA == characterOfB ? 0 : 1)
                current[j + 1] = min(substitution, previous[j + 1] + 1, current[j] + 1)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
