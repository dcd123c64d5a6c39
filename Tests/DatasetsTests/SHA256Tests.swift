import Datasets
import Testing

/// SHA-256 against the FIPS 180-4 (NIST CSRC example) vectors, and the incremental hasher
/// against the one-shot digest whatever the pieces.
@Suite("SHA-256")
struct SHA256Tests {
    @Test func fipsVectors() {
        #expect(SHA256.hexDigest(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hexDigest([UInt8]()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hexDigest(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        var million = SHA256.Hasher()
        for _ in 0..<1000 { million.update([UInt8](repeating: UInt8(ascii: "a"), count: 1000)) }
        #expect(SHA256.hex(million.finalize()) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    /// Pieces of every size around the 64-byte block give the digest of the whole.
    @Test func piecesGiveTheDigestOfTheWhole() {
        let message = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        let whole = SHA256.digest(message)
        for piece in [1, 3, 55, 56, 63, 64, 65, 127, 128, 999, 1000] {
            var hasher = SHA256.Hasher()
            var start = 0
            while start < message.count {
                hasher.update(Array(message[start..<min(start + piece, message.count)]))
                start += piece
            }
            #expect(hasher.finalize() == whole, "pieces of \(piece)")
        }
        for length in [0, 55, 56, 63, 64, 119, 120] {
            var hasher = SHA256.Hasher()
            hasher.update(Array(message.prefix(length)))
            #expect(hasher.finalize() == SHA256.digest(message.prefix(length)), "length \(length)")
        }
    }
}
