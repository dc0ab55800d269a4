"""What the assistant says: the topic catalogue, the answers, and district details."""
