import Hummingbird

/// Bound beyond this machine, every request carries the token printed at start: `?token=` once
/// (kept in a cookie for the pages after), or the cookie. Without it a page says how to get in.
struct TokenCheck<Context: RequestContext>: RouterMiddleware {
    let token: String
    static var cookieName: String { "eduetl_token" }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if let given = request.uri.queryParameters["token"].map(String.init), Self.same(given, token) {
            var response = try await next(request, context)
            response.setCookie(Cookie(name: Self.cookieName, value: token, path: "/", httpOnly: true, sameSite: .strict))
            return response
        }
        if let cookie = request.cookies[Self.cookieName]?.value, Self.same(cookie, token) {
            return try await next(request, context)
        }
        return WebServer.html(PageFrame.message("需要口令", "这个页面在本机以外也能打开，所以需要口令：请使用 eduetl serve 启动时显示的地址（含 ?token=…）。"),
                              status: .unauthorized)
    }

    /// Compares every byte whatever the first difference, so the time taken does not tell how much matched.
    static func same(_ a: String, _ b: String) -> Bool {
        let left = Array(a.utf8), right = Array(b.utf8)
        guard left.count == right.count else { return false }
        return zip(left, right).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
