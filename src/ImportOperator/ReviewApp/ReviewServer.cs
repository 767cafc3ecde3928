using System.Net;
using ImportOperator.ReviewApp.Pages;
using ImportOperator.Review;
using ImportOperator.Storage;
using k8s;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ImportOperator.ReviewApp;

/// <summary>What the review app needs from outside: settings, the link key, the cluster and the storage.</summary>
public sealed record ReviewAppDependencies(ReviewAppSettings Settings, ReviewSigningKey SigningKey, IKubernetes Kubernetes, IObjectStore Store, TimeProvider? Time = null);

/// <summary>
/// Builds the review web app on Kestrel (minimal APIs, pages rendered on the server, one script and one stylesheet
/// of our own). Every failure ends in a plain page or JSON error: stack traces go to the log only.
/// </summary>
public static class ReviewServer
{
    /// <param name="dependencies">The cluster, storage and signing key the app works with.</param>
    /// <param name="logging">Where logs go (default: one-line console). Request logs of ASP.NET Core are kept at
    /// warnings: they would write the review token (a bearer credential) with every URL.</param>
    public static WebApplication Build(ReviewAppDependencies dependencies, Action<ILoggingBuilder>? logging = null)
    {
        var settings = dependencies.Settings;
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = typeof(ReviewServer).Assembly.GetName().Name });
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Parse(settings.BindAddress), settings.Listen);
            kestrel.Limits.MaxRequestBodySize = 1024 * 1024;
        });
        builder.Logging.ClearProviders();
        if (logging is not null) logging(builder.Logging);
        else builder.Logging.AddSimpleConsole(console => { console.SingleLine = true; console.TimestampFormat = "HH:mm:ss.fff "; console.UseUtcTimestamp = true; });
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        var time = dependencies.Time ?? TimeProvider.System;
        // The base URL only shapes issued links; this app verifies, so any base will do.
        var links = new ReviewLinks(dependencies.SigningKey, new Uri("http://review.invalid/"), time);
        var scratch = settings.ScratchDirectory ?? Path.Combine(Path.GetTempPath(), "import-operator-review");
        var workspace = new ReviewWorkspace(dependencies.Store, scratch);
        var endpoints = new ReviewEndpoints(
            new ReviewAccess(links, dependencies.Kubernetes, settings.Namespace),
            new ReviewCsrf(ReviewCsrf.DeriveKey(dependencies.SigningKey.Bytes)),
            new ReviewSessionStore(dependencies.Store),
            workspace,
            new ReviewFinishing(dependencies.Store, dependencies.Kubernetes, workspace, time),
            settings.PageSize);

        var app = builder.Build();
        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("ImportOperator.Review");
        app.Use(async (http, next) =>
        {
            SecurityHeaders.Apply(http.Response);
            try
            {
                await next(http);
            }
            catch (Exception e) when (!http.RequestAborted.IsCancellationRequested)
            {
                log.LogError(e, "Request {Method} {Path} failed", http.Request.Method, RedactedPath(http.Request.Path));
                if (http.Response.HasStarted) throw;
                http.Response.Clear();
                SecurityHeaders.Apply(http.Response);
                http.Response.StatusCode = StatusCodes.Status500InternalServerError;
                if (IsApi(http)) await http.Response.WriteAsJsonAsync(new { error = "The server could not do this. Try again; if it keeps failing, ask for help." });
                else await WriteHtml(http, ReviewPages.Message("Something went wrong", "The server could not show this page. Try again in a moment; if it keeps failing, ask whoever sent you the link."));
            }
        });
        endpoints.Map(app);
        app.MapGet("/healthz", () => Results.Text("ok"));
        // Browsers ask for it on every page; an empty answer keeps their consoles (and the 404 log) quiet.
        app.MapGet("/favicon.ico", () => Results.NoContent());
        app.MapFallback(async http =>
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            await WriteHtml(http, ReviewPages.Message("Page not found", "There is nothing at this address. Open your review link exactly as you received it."));
        });
        return app;
    }

    /// <summary>The addresses Kestrel bound (with the real port when <see cref="ReviewAppSettings.Listen"/> is 0).</summary>
    public static IReadOnlyList<string> BoundAddresses(WebApplication app) =>
        app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
            .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()?.Addresses.ToArray() ?? [];

    internal static bool IsApi(HttpContext http) => http.Request.Path.Value?.Contains("/api/", StringComparison.Ordinal) == true;

    internal static Task WriteHtml(HttpContext http, string html)
    {
        http.Response.ContentType = "text/html; charset=utf-8";
        return http.Response.WriteAsync(html);
    }

    /// <summary>Logs never carry a review token: it is a bearer credential.</summary>
    internal static string RedactedPath(PathString path)
    {
        var parts = (path.Value ?? "").Split('/');
        if (parts.Length > 2 && parts[1] == "review" && parts[2] != "assets") parts[2] = "<token>";
        return string.Join('/', parts);
    }
}
