import CLibXML2

/// Process-wide libxml2 set-up, done once before the first document is parsed.
enum LibXML2 {
    /// Initialises libxml2 and makes every external resource unloadable.
    ///
    /// The parser options already forbid network access and DTD loading; the entity loader that refuses
    /// everything is a second line of defence, as in Foundation's XML layer. The one exception is a schema
    /// document registered in memory for ``SchemaSet`` under the exact name a schema imports it by.
    static func prepare() {
        _ = initialized
    }

    private static let initialized: Bool = {
        xmlInitParser()
        xmlSetExternalEntityLoader { url, _, context in
            guard let url, let context, let bytes = SchemaImports.document(String(cString: url)) else { return nil }
            let buffer = bytes.withUnsafeBufferPointer { raw in
                raw.withMemoryRebound(to: CChar.self) { chars in
                    xmlParserInputBufferCreateMem(chars.baseAddress, Int32(chars.count), XML_CHAR_ENCODING_NONE)
                }
            }
            guard let buffer else { return nil }
            return xmlNewIOInputStream(context, buffer, XML_CHAR_ENCODING_NONE)
        }
        return true
    }()

    /// The options for every parse: no network, no error output of libxml2's own, and none of the
    /// options that substitute entities, load DTDs or include other files.
    static let parseOptions = Int32(
        XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue
    )

    /// The text of a libxml2 string, or an empty string for `NULL`.
    static func string(_ pointer: UnsafePointer<xmlChar>?) -> String {
        guard let pointer else { return "" }
        return String(cString: UnsafeRawPointer(pointer).assumingMemoryBound(to: CChar.self))
    }
}

extension LibXML2 {
    /// The text of a C string, or an empty string for `NULL`.
    static func string(_ pointer: UnsafeMutablePointer<CChar>?) -> String {
        guard let pointer else { return "" }
        return String(cString: pointer)
    }
}
