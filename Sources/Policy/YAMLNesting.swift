import CYaml

/// How deeply the collections of a YAML text nest, read from libyaml's event stream (libyaml
/// keeps its state on the heap, so any depth is safe here). Yams builds nodes and decodes them
/// by recursion: `[[[[…` a few thousand levels deep overflows the stack before any check on the
/// built nodes could run, so the depth is measured first.
public enum YAMLNesting {
    /// Whether a collection in `text` lies more than `limit` levels deep. A text libyaml cannot
    /// parse counts as not too deep: Yams then reports the syntax error.
    public static func exceeds(_ text: String, limit: Int) -> Bool {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return true }
        defer { yaml_parser_delete(&parser) }
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { buffer in
            yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            var depth = 0
            while true {
                var event = yaml_event_t()
                guard yaml_parser_parse(&parser, &event) == 1 else { return false }
                defer { yaml_event_delete(&event) }
                switch event.type {
                case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                    depth += 1
                    if depth > limit { return true }
                case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                    depth -= 1
                case YAML_STREAM_END_EVENT:
                    return false
                default:
                    break
                }
            }
        }
    }
}
