#pragma once

// Internal to the server bootstrap: the signal watcher behind Server::ShutdownOnSignals.

namespace cadre {
class Server;
namespace internal {

// Stops ShutdownOnSignals from calling `server` (if it is the target); waits for a drain
// that the watcher already started on it. Called by ~Server.
void ForgetSignalTarget(Server* server);

}  // namespace internal
}  // namespace cadre
