using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Diagnose.EndToEnd.Tests.Support;

/// <summary>A statsd server for a test: a UDP socket on a free local port that keeps every datagram it receives.</summary>
internal sealed class StatsdListener : IDisposable
{
    private readonly UdpClient _client = new(new IPEndPoint(IPAddress.Loopback, 0));
    private readonly List<string> _datagrams = [];
    private readonly Task _receiving;

    public StatsdListener()
    {
        _receiving = Task.Run(Receive);
    }

    public string Address => $"127.0.0.1:{((IPEndPoint)_client.Client.LocalEndPoint!).Port}";

    /// <summary>Waits for a datagram that matches and returns it.</summary>
    public string WaitFor(Func<string, bool> match, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        lock (_datagrams)
        {
            while (true)
            {
                if (_datagrams.FirstOrDefault(match) is { } found)
                {
                    return found;
                }

                var left = deadline - DateTime.UtcNow;
                if (left <= TimeSpan.Zero)
                {
                    throw new TimeoutException($"no such datagram at {Address}; received: {string.Join(" | ", _datagrams)}");
                }

                Monitor.Wait(_datagrams, left);
            }
        }
    }

    public void Dispose()
    {
        _client.Dispose();
        try
        {
            _receiving.Wait(TimeSpan.FromSeconds(2));
        }
        catch (AggregateException)
        {
            // The socket was closed under the receive: that is how it ends.
        }
    }

    private async Task Receive()
    {
        try
        {
            while (true)
            {
                var datagram = await _client.ReceiveAsync();
                lock (_datagrams)
                {
                    _datagrams.Add(Encoding.UTF8.GetString(datagram.Buffer));
                    Monitor.PulseAll(_datagrams);
                }
            }
        }
        catch (Exception e) when (e is ObjectDisposedException or SocketException)
        {
            // Disposed.
        }
    }
}
