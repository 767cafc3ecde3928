using ImportOperator.Api.V1Alpha1;
using ImportOperator.Engine.Schema;
using ImportOperator.Notifications;

namespace ImportOperator.Tests.Notifications;

public sealed class WebhookEventsTests
{
    [Theory]
    [InlineData(ImportPhases.Successful, WebhookEvents.ImportCompleted)]
    [InlineData(ImportPhases.NeedsReview, WebhookEvents.NeedsReview)]
    [InlineData(ImportPhases.Failed, WebhookEvents.Failed)]
    [InlineData(ImportPhases.AwaitingUpload, null)]
    [InlineData(ImportPhases.Pending, null)]
    [InlineData(ImportPhases.Running, null)]
    [InlineData(null, null)]
    public void Only_the_three_outcome_phases_send_an_event(string? phase, string? expected) =>
        Assert.Equal(expected, WebhookEvents.ForPhase(phase));

    [Fact]
    public void Each_event_goes_to_its_url()
    {
        var settings = new ImportSettings { WebhookUrl = "https://a.example/done", NeedsReviewWebhookUrl = "https://a.example/review" };

        Assert.Equal("https://a.example/done", WebhookEvents.UrlFor(WebhookEvents.ImportCompleted, settings));
        Assert.Equal("https://a.example/done", WebhookEvents.UrlFor(WebhookEvents.Failed, settings));
        Assert.Equal("https://a.example/review", WebhookEvents.UrlFor(WebhookEvents.NeedsReview, settings));
    }

    [Fact]
    public void Needs_review_falls_back_to_the_general_url_when_it_has_none_of_its_own()
    {
        var settings = new ImportSettings { WebhookUrl = "https://a.example/done", NeedsReviewWebhookUrl = "  " };

        Assert.Equal("https://a.example/done", WebhookEvents.UrlFor(WebhookEvents.NeedsReview, settings));
    }

    [Fact]
    public void The_needs_review_url_alone_receives_nothing_but_needs_review()
    {
        var settings = new ImportSettings { NeedsReviewWebhookUrl = "https://a.example/review" };

        Assert.Null(WebhookEvents.UrlFor(WebhookEvents.ImportCompleted, settings));
        Assert.Null(WebhookEvents.UrlFor(WebhookEvents.Failed, settings));
        Assert.Equal("https://a.example/review", WebhookEvents.UrlFor(WebhookEvents.NeedsReview, settings));
    }
}
