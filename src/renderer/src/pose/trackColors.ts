/** One colour per tracked person, by track id, the same on the player, the person tracks and the plot. */
const TRACK_COLORS = ['#ff5a5f', '#3ec1d3', '#ffd23f', '#8ac926', '#c77dff', '#ff924c', '#4d96ff', '#f15bb5', '#00f5d4', '#e9ff70'];

export function trackColor(trackId: number): string {
  return TRACK_COLORS[((trackId % TRACK_COLORS.length) + TRACK_COLORS.length) % TRACK_COLORS.length]!;
}
