/// The reader conformance format: one JSON object per non-empty cell,
/// {"sheet": "Sheet1", "ref": "B3", "type": "string|number|bool|date|duration|error", "value": ...}.
/// Dates are ISO 8601, durations a number of days, errors their text ("#DIV/0!").
public enum CellDump {
    public static func jsonLine(sheet: String, position: CellPosition, value: CellValue) -> String {
        let (type, json) = typeAndValue(value)
        return "{\"sheet\": \(quoted(sheet)), \"ref\": \"\(position.reference)\", \"type\": \"\(type)\", \"value\": \(json)}"
    }

    static func typeAndValue(_ value: CellValue) -> (String, String) {
        switch value {
        case .string(let text): return ("string", quoted(text))
        case .number(let number): return ("number", jsonNumber(number))
        case .bool(let flag): return ("bool", flag ? "true" : "false")
        case .date(let date): return ("date", quoted(date.iso8601))
        case .duration(let days): return ("duration", jsonNumber(days))
        case .error(let text): return ("error", quoted(text))
        }
    }

    /// Integral values print without a fraction; others in Swift's shortest round-trip form.
    public static func jsonNumber(_ number: Double) -> String {
        if number == number.rounded(), abs(number) < 1e15 { return String(Int64(number)) }
        return String(number)
    }

    /// A JSON string, UTF-8 kept as is (like ensure_ascii=False), controls escaped.
    public static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
