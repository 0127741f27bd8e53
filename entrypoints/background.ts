export default defineBackground(() => {
  console.log('Open Slots background');
});
