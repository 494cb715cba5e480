using System.Net;
using JobTitleStudio.Tests.Shared;
using Microsoft.AspNetCore.Mvc.Testing;

namespace JobTitleStudio.Web.Tests.App;

public sealed class HostingTests
{
    public static TheoryData<string> Environments => ["Development", "Production"];

    [Theory]
    [MemberData(nameof(Environments))]
    public async Task Root_answers_200_without_redirecting_and_prerenders_the_Lookup_page(string environment)
    {
        await using var app = new StudioAppFactory(environment);
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var response = await client.GetAsync("/");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<h1", html);
        Assert.Contains("Lookup", html);
        Assert.Contains("Datasets", html);
        // The marker is for the live circuit only; prerendered HTML must not carry it, or browser tests would click too early.
        Assert.DoesNotContain("circuit-ready", html);
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public async Task The_apps_own_css_Radzens_assets_and_blazor_web_js_are_served(string environment)
    {
        await using var app = new StudioAppFactory(environment);
        using var client = app.CreateClient();

        foreach (var (path, contentType) in new[]
                 {
                     ("/css/app.css", "text/css"),
                     ("/_content/Radzen.Blazor/css/material-base.css", "text/css"),
                     ("/_content/Radzen.Blazor/Radzen.Blazor.js", "text/javascript"),
                     ("/_framework/blazor.web.js", "text/javascript"),
                 })
        {
            using var response = await client.GetAsync(path);
            var body = await response.Content.ReadAsByteArrayAsync();

            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode}");
            Assert.True(body.Length > 1000, $"{path}: only {body.Length} bytes");
            Assert.Equal(contentType, response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task Unknown_addresses_answer_404()
    {
        await using var app = new StudioAppFactory();
        using var client = app.CreateClient();

        using var response = await client.GetAsync("/no-such-screen");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task OpenApi_document_describes_the_health_endpoint()
    {
        await using var app = new StudioAppFactory();
        using var client = app.CreateClient();

        var document = await client.GetStringAsync("/openapi/v1.json");

        Assert.Contains("\"openapi\"", document);
        Assert.Contains("\"/health\"", document);
    }
}
