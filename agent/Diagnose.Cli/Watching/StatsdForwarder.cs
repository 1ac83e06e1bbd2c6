using System.Net;
using System.Net.Sockets;
using System.Text;
using Diagnose.Cli.Channel;

namespace Diagnose.Cli.Watching;

/// <summary>Sends every metric value a watch receives to a statsd / DogStatsD agent over UDP, one datagram each.</summary>
internal sealed class StatsdForwarder : IDisposable
{
    private readonly Socket _socket;
    private readonly EndPoint _destination;
    private readonly TextWriter _errors;
    private bool _failureReported;

    private StatsdForwarder(EndPoint destination, TextWriter errors)
    {
        _destination = destination;
        _errors = errors;
        _socket = new Socket(destination.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
    }

    /// <summary>A forwarder to <c>host:port</c>.</summary>
    /// <exception cref="CliException">Exit code 2: not a host and port, or the host is unknown.</exception>
    public static StatsdForwarder To(string address, TextWriter errors)
    {
        var colon = address.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(address.AsSpan(colon + 1), out var port) || port is <= 0 or > 65535)
        {
            throw new CliException(ExitCodes.UsageError, $"--statsd: '{address}' is not host:port (e.g. 127.0.0.1:8125)");
        }

        var host = address[..colon].Trim('[', ']');
        IPAddress ip;
        if (!IPAddress.TryParse(host, out ip!))
        {
            try
            {
                ip = Dns.GetHostAddresses(host).OrderBy(a => a.AddressFamily == AddressFamily.InterNetwork ? 0 : 1).First();
            }
            catch (Exception e) when (e is SocketException or InvalidOperationException or ArgumentException)
            {
                throw new CliException(ExitCodes.UsageError, $"--statsd: cannot resolve '{host}': {e.Message}");
            }
        }

        return new StatsdForwarder(new IPEndPoint(ip, port), errors);
    }

    public void Forward(ProbeMetricValue metric)
    {
        if (DogStatsd.Format(metric.Type, metric.Name, metric.Value, metric.Tags) is not { } line)
        {
            return;
        }

        try
        {
            _socket.SendTo(Encoding.UTF8.GetBytes(line), _destination);
        }
        catch (SocketException e)
        {
            if (!_failureReported)
            {
                _failureReported = true;
                _errors.WriteLine($"diagnose: sending to statsd at {_destination} failed: {e.Message} (reported once)");
            }
        }
    }

    public void Dispose() => _socket.Dispose();
}
