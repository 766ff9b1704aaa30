extension KeyComparisonResult {
    /// Text for `keywizard compare-keys`; like the result itself it shows at most 4 bytes of
    /// either key.
    public func textLines(width: Int = 80) -> [String] {
        var lines = TextWrap.field("Result", classification.rawValue, width: width)
        lines += TextWrap.field("Why", explanation, width: width)
        lines += TextWrap.field("Compared", "\(comparedBytes) bytes (A has \(lengthA), B has \(lengthB))", width: width)
        if !differingPositions.isEmpty {
            lines += TextWrap.field("Differ at", "bytes " + TextWrap.ranges(differingPositions), width: width)
        }
        lines += TextWrap.field(
            "Starts", "A \(firstBytesA ?? "(not hex)")..., B \(firstBytesB ?? "(not hex)")...", width: width)
        return lines
    }
}
