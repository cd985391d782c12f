namespace Strangler.Bench.Macro;

/// <summary>nginx as a user would put it in front: plain proxy_pass with keep-alive upstreams, no access log.</summary>
internal static class Nginx
{
    public static ChildProcess Start(string work, int port, int monolithPort, int fixedPort)
    {
        var prefix = Directory.CreateDirectory(Path.Combine(work, "nginx")).FullName;
        var config = Path.Combine(prefix, "nginx.conf");
        File.WriteAllText(config, $$"""
            worker_processes auto;
            daemon off;
            pid {{prefix}}/nginx.pid;
            error_log {{prefix}}/error.log warn;
            events { worker_connections 4096; }
            http {
              access_log off;
              # nginx 1.22 closes a client connection after 1,000 requests by default; load tools
              # that do not reconnect (h2load) would then stop, and wrk would pay for reconnects.
              keepalive_requests 1000000;
              client_body_temp_path {{prefix}}/client;
              proxy_temp_path {{prefix}}/proxy;
              fastcgi_temp_path {{prefix}}/fastcgi;
              uwsgi_temp_path {{prefix}}/uwsgi;
              scgi_temp_path {{prefix}}/scgi;
              upstream monolith { server 127.0.0.1:{{monolithPort}}; keepalive 64; }
              upstream fixed { server 127.0.0.1:{{fixedPort}}; keepalive 64; }
              server {
                listen 127.0.0.1:{{port}};
                proxy_http_version 1.1;
                proxy_set_header Connection "";
                proxy_set_header Host $host;
                location /fixed { proxy_pass http://fixed; }
                location / { proxy_pass http://monolith; }
              }
            }
            """);
        return ChildProcess.Start("nginx", Tools.Which("nginx")!, ["-c", config, "-p", prefix], prefix, Path.Combine(work, "nginx.log"));
    }
}
