using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace JobTitleStudio.Web.Tests.Features.Batches;

/// <summary>The batch API as a client uses it: multipart upload, polling until the job ends, downloads.</summary>
internal static class BatchApi
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    public static Task<HttpResponseMessage> UploadAsync(HttpClient client, string text, string fileName = "leads.csv", string? titleColumn = null, string? top = null, string query = "") =>
        UploadAsync(client, Encoding.UTF8.GetBytes(text), fileName, titleColumn, top, query);

    public static async Task<HttpResponseMessage> UploadAsync(HttpClient client, byte[] bytes, string fileName, string? titleColumn = null, string? top = null, string query = "")
    {
        using var content = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        content.Add(file, "file", fileName);
        if (titleColumn is not null)
        {
            content.Add(new StringContent(titleColumn), "titleColumn");
        }
        if (top is not null)
        {
            content.Add(new StringContent(top), "top");
        }
        return await client.PostAsync($"/api/batches{query}", content);
    }

    /// <summary>Uploads and returns the new job's id, failing the test with the server's answer when it is not 202.</summary>
    public static async Task<string> StartAsync(HttpClient client, string text, string fileName = "leads.csv", string? titleColumn = null, string? top = null)
    {
        using var response = await UploadAsync(client, text, fileName, titleColumn, top);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"upload answered {(int)response.StatusCode}: {body}");
        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("id").GetString()!;
    }

    /// <summary>Polls until the job is no longer queued or running; returns its last status document.</summary>
    public static async Task<JsonElement> WaitAsync(HttpClient client, string id, string query = "")
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var status = JsonDocument.Parse(await client.GetStringAsync($"/api/batches/{id}{query}")).RootElement;
            if (status.GetProperty("status").GetString() is not ("queued" or "running"))
            {
                return status;
            }
            Assert.True(DateTime.UtcNow < deadline, $"batch {id} still {status.GetProperty("status")} after {Patience}");
            await Task.Delay(50);
        }
    }

    public static async Task<JsonElement> ProblemAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
}
